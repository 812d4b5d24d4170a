package dev.taskflight.analysis.park;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/**
 * Reads {@code taskflight.WorkerPark}: parks, and idle periods during which work waited. The work
 * that waited is {@code queuedAtPark}, the tasks already queued when the worker began to wait (the
 * worker slept beside them); recordings without that field fall back to {@code queuedTasks}, the
 * tasks queued when it woke, which also counts the work whose arrival woke it.
 */
public final class WorkerParkHandler implements EventHandler {

    private static final long ABSENT = Long.MIN_VALUE;

    private final ParkAggregator parks;

    /** Creates a handler feeding {@code parks}. */
    public WorkerParkHandler(ParkAggregator parks) {
        this.parks = parks;
    }

    @Override
    public String eventName() {
        return EventNames.WORKER_PARK;
    }

    @Override
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, "");
        int worker = event.getInt(FieldNames.WORKER, -1);
        long duration = event.durationNanos();
        long atPark = event.getLong(FieldNames.QUEUED_AT_PARK, ABSENT);
        long queued = atPark == ABSENT ? event.getLong(FieldNames.QUEUED_TASKS, 0) : Math.max(0, atPark);
        boolean withWork = parks.park(pool, worker, duration, queued);
        if (withWork || parks.wantsThread()) {
            parks.thread(event.threadId(FieldNames.EVENT_THREAD));
        }
        if (withWork) {
            parks.episode(new IdleCandidate(pool, worker, event.threadName(FieldNames.EVENT_THREAD),
                    event.startNanos(), duration, queued));
        }
    }
}
