package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.internal.core.PoolProbe;
import dev.taskflight.recorder.internal.core.WorkerProbe;

/** The probe of the worker running on the current thread, for pools whose threads we cannot subclass. */
public final class CurrentWorker {

    private static final ThreadLocal<WorkerProbe> CURRENT = new ThreadLocal<>();

    private CurrentWorker() {
    }

    /**
     * Returns the current thread's worker probe if the thread is a worker of the given pool.
     *
     * @param pool the pool's probe, or {@code null}
     * @return the worker probe, or {@code null} if the current thread is not one of the pool's workers
     */
    public static WorkerProbe of(PoolProbe pool) {
        WorkerProbe w = CURRENT.get();
        return w != null && w.pool() == pool ? w : null;
    }

    static void set(WorkerProbe worker) {
        CURRENT.set(worker);
    }

    static void clear() {
        CURRENT.remove();
    }
}
