package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;

/** The start and end of a poll as the library's task wrappers see them. */
public final class Polls {

    private Polls() {
    }

    /**
     * Returns the probe of the thread submitting a task, for {@link SubmitStamps#stamp(WorkerProbe)}
     * and {@link #submitter}.
     *
     * @param forkJoin whether the task goes to a library {@code ForkJoinPool}: only its own workers
     *        matter then, and they carry their probe (no thread-local lookup)
     * @return the current thread's probe, of whichever pool, or {@code null}
     */
    public static WorkerProbe submitting(boolean forkJoin) {
        return forkJoin ? ProbedWorkerThread.current() : CurrentWorker.current();
    }

    /**
     * @param self the submitting thread's probe, from {@link #submitting}, or {@code null}
     * @param pool the pool's probe, or {@code null}
     * @return the index of the submitting thread if it is a worker of the pool, else -1 */
    public static int submitter(WorkerProbe self, PoolProbe pool) {
        return self != null && self.pool() == pool ? self.index() : -1;
    }

    /**
     * Returns the probe of the current thread if it is a worker of the pool running a task.
     *
     * @param pool the pool's probe, or {@code null}
     * @param forkJoin as for {@link #submitting}
     * @return the worker's probe, or {@code null}
     */
    public static WorkerProbe running(PoolProbe pool, boolean forkJoin) {
        return forkJoin ? CurrentWorker.ofForkJoin(pool) : CurrentWorker.of(pool);
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
        w.pollStart(submitNanoTime, taskClass);
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
