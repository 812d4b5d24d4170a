package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/**
 * Reads the polls and parks of pools with long scheduling delays again: a poll overlapping a wait
 * held a worker (by task class), a park overlapping it was a worker idle while the task waited.
 */
final class DelayHandler implements EventHandler {

    private final Correlation c;
    private final boolean polls;

    private DelayHandler(Correlation c, boolean polls) {
        this.c = c;
        this.polls = polls;
    }

    /** Returns the handler of {@code taskflight.TaskPoll}. */
    static DelayHandler polls(Correlation c) {
        return new DelayHandler(c, true);
    }

    /** Returns the handler of {@code taskflight.WorkerPark}. */
    static DelayHandler parks(Correlation c) {
        return new DelayHandler(c, false);
    }

    @Override
    public String eventName() {
        return polls ? EventNames.TASK_POLL : EventNames.WORKER_PARK;
    }

    @Override
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, "");
        if (!c.delayPools.contains(pool)) {
            return;
        }
        long start = event.startNanos();
        long end = start + event.durationNanos();
        String[] taskClass = new String[1];
        c.delayPools.forEach(pool, start, end, w -> {
            long overlap = w.overlap(start, end);
            if (overlap <= 0) {
                return;
            }
            if (!polls) {
                w.idleNanos += overlap;
                return;
            }
            if (taskClass[0] == null) {
                String name = event.taskName();
                taskClass[0] = name == null ? "" : name;
            }
            w.holders.add(taskClass[0], overlap);
        });
    }
}
