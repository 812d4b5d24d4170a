package dev.taskflight.analysis.park;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.EventFields;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads {@code taskflight.WorkerPark}: parks, and idle periods during which work waited. The work
 * that waited is {@code queuedAtPark}, the tasks already queued when the worker began to wait (the
 * worker slept beside them); recordings without that field fall back to {@code queuedTasks}, the
 * tasks queued when it woke, which also counts the work whose arrival woke it.
 */
public final class WorkerParkHandler implements EventHandler {

    private static final int POOL = 0;
    private static final int WORKER = 1;
    private static final int QUEUED = 2;
    private static final int THREAD = 3;
    private static final int QUEUED_AT_PARK = 4;
    private static final long ABSENT = Long.MIN_VALUE;

    private final ParkAggregator parks;
    private final EventFields fields = new EventFields("pool", "worker", "queuedTasks", "eventThread",
            "queuedAtPark");
    private RecordedThread lastThread;
    private long lastThreadId = -1;

    /** Creates a handler feeding {@code parks}. */
    public WorkerParkHandler(ParkAggregator parks) {
        this.parks = parks;
    }

    @Override
    public String eventName() {
        return EventNames.WORKER_PARK;
    }

    @Override
    public void handle(RecordedEvent event) {
        fields.bind(event);
        String pool = fields.getString(event, POOL, "");
        int worker = fields.getInt(event, WORKER, -1);
        long duration = Fields.nanos(event.getDuration());
        long atPark = fields.getLong(event, QUEUED_AT_PARK, ABSENT);
        long queued = atPark == ABSENT ? fields.getLong(event, QUEUED, 0) : Math.max(0, atPark);
        boolean withWork = parks.park(pool, worker, duration, queued);
        if (withWork || parks.wantsThread()) {
            RecordedThread thread = fields.getThread(event, THREAD);
            if (thread != lastThread) {
                lastThread = thread;
                lastThreadId = Fields.threadId(thread);
            }
            parks.thread(lastThreadId);
        }
        if (withWork) {
            parks.episode(new IdleCandidate(pool, worker, Fields.threadName(lastThread),
                    Fields.epochNanos(event.getStartTime()), duration, queued));
        }
    }
}
