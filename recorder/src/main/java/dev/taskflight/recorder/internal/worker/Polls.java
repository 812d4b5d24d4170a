package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.internal.core.PoolProbe;
import dev.taskflight.recorder.internal.core.WorkerProbe;

/** The start and end of a poll as the library's task wrappers see them. */
public final class Polls {

    private Polls() {
    }

    /**
     * @param pool the pool's probe, or {@code null}
     * @return the index of the current thread if it is a worker of the pool, else -1 */
    public static int submitter(PoolProbe pool) {
        WorkerProbe w = CurrentWorker.of(pool);
        return w == null ? -1 : w.index();
    }

    /**
     * Starts a poll of a submitted task on a worker.
     *
     * @param w the worker's probe
     * @param submitNanoTime when the task was submitted (or due)
     * @param submitter the index of the worker that submitted it (into its own queue), or -1; a
     *        task run by another worker is a steal from that worker's queue
     * @param gapParks whether the pool measures idle periods as gaps between polls
     * @param taskClass the application task's class
     */
    public static void begin(WorkerProbe w, long submitNanoTime, int submitter, boolean gapParks,
            Class<?> taskClass) {
        if (gapParks) {
            w.gapEnd();
        }
        boolean stolen = submitter >= 0 && submitter != w.index();
        if (stolen) {
            w.steal(submitter, taskClass);
        }
        w.pollStart(submitNanoTime, stolen, null, taskClass);
    }

    /**
     * Ends the poll begun by {@link #begin}.
     *
     * @param w the worker's probe
     * @param taskClass the application task's class
     * @param gapParks as given to {@link #begin}
     */
    public static void end(WorkerProbe w, Class<?> taskClass, boolean gapParks) {
        w.pollEnd(taskClass);
        if (gapParks) {
            w.gapStart();
        }
    }
}
