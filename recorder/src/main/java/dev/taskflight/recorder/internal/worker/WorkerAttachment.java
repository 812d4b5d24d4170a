package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;

/** Attaches the current thread to a pool as a worker, and detaches it when it exits. */
public final class WorkerAttachment {

    private WorkerAttachment() {
    }

    /**
     * Makes the current thread a worker of the pool.
     *
     * @param pool the pool's probe, not {@code null}
     * @param gapParks whether idle periods are measured as gaps between polls
     * @return the worker's probe
     */
    public static WorkerProbe attach(PoolProbe pool, boolean gapParks) {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        CurrentWorker.set(w);
        if (gapParks) {
            w.gapStart();
        }
        return w;
    }

    /**
     * Makes the current thread, a {@link ProbedWorkerThread} that carries its probe itself, a worker
     * of a pool whose idle periods are gaps between polls. No thread-local is set.
     *
     * @param pool the pool's probe, not {@code null}
     * @return the worker's probe
     */
    static WorkerProbe attachProbed(PoolProbe pool) {
        WorkerProbe w = pool.attachWorker(Thread.currentThread());
        w.gapStart();
        return w;
    }

    /**
     * Ends the current thread's time as a worker.
     *
     * @param w the probe {@link #attach} returned
     * @param gapParks as given to {@link #attach}
     */
    public static void detach(WorkerProbe w, boolean gapParks) {
        if (gapParks) {
            w.gapEnd();
        }
        CurrentWorker.clear();
        w.pool().detachWorker(w);
    }
}
