package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;

/**
 * The probe of the worker running on the current thread: carried by the thread itself for library
 * {@code ForkJoinPool} workers ({@link ProbedWorkerThread}), in a thread-local for the workers of
 * pools whose threads the application's factory makes.
 */
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
        WorkerProbe w = current();
        return w != null && w.pool() == pool ? w : null;
    }

    /**
     * Returns the current thread's worker probe if the thread is a library {@code ForkJoinPool}
     * worker of the given pool: the only workers such a pool has. No thread-local lookup.
     *
     * @param pool the pool's probe, or {@code null}
     * @return the worker probe, or {@code null}
     */
    public static WorkerProbe ofForkJoin(PoolProbe pool) {
        WorkerProbe w = ProbedWorkerThread.current();
        return w != null && w.pool() == pool ? w : null;
    }

    /**
     * Returns the current thread's worker probe, of whichever pool.
     *
     * @return the worker probe, or {@code null} if the current thread is not a library pool's worker
     */
    public static WorkerProbe current() {
        Thread t = Thread.currentThread();
        return t instanceof ProbedWorkerThread p ? p.worker() : CURRENT.get();
    }

    static void set(WorkerProbe worker) {
        CURRENT.set(worker);
    }

    static void clear() {
        CURRENT.remove();
    }
}
