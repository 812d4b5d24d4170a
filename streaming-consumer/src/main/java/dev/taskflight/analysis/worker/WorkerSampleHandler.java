package dev.taskflight.analysis.worker;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/** Reads {@code taskflight.WorkerSample}: cumulative per-worker counters. */
public final class WorkerSampleHandler implements EventHandler {

    private final WorkerCounterAggregator counters;

    /** Creates a handler feeding {@code counters}. */
    public WorkerSampleHandler(WorkerCounterAggregator counters) {
        this.counters = counters;
    }

    @Override
    public String eventName() {
        return EventNames.WORKER_SAMPLE;
    }

    @Override
    public void handle(EventView event) {
        long[] values = {
            event.getLong(FieldNames.POLLS, 0),
            event.getLong(FieldNames.BUSY_TIME, 0),
            event.getLong(FieldNames.IDLE_TIME, 0),
            event.getLong(FieldNames.PARKS, 0),
            event.getLong(FieldNames.STEALS, 0),
        };
        counters.sample(new WorkerKey(event.getString(FieldNames.POOL, ""), event.getInt(FieldNames.WORKER, -1)),
                event.startNanos(), event.threadId(FieldNames.WORKER_THREAD),
                event.threadName(FieldNames.WORKER_THREAD), values,
                event.getInt(FieldNames.LOCAL_QUEUE_DEPTH, -1));
    }
}
