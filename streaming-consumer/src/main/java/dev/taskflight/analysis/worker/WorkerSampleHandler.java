package dev.taskflight.analysis.worker;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

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
    public void handle(RecordedEvent event) {
        RecordedThread thread = Fields.getThread(event, "workerThread");
        long[] values = {
            Fields.getLong(event, "polls", 0),
            Fields.getLong(event, "busyTime", 0),
            Fields.getLong(event, "idleTime", 0),
            Fields.getLong(event, "parks", 0),
            Fields.getLong(event, "steals", 0),
        };
        counters.sample(new WorkerKey(Fields.getString(event, "pool", ""), Fields.getInt(event, "worker", -1)),
                Fields.epochNanos(event.getStartTime()), Fields.threadId(thread), Fields.threadName(thread), values,
                Fields.getInt(event, "localQueueDepth", -1));
    }
}
