package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * The future a library {@code ThreadPoolExecutor} returns from {@code submit}: a plain
 * {@link FutureTask} that also knows when it was submitted and what the application's task was.
 *
 * @param <V> the result type
 */
public final class TimedFutureTask<V> extends FutureTask<V> {

    private final PoolProbe pool;
    private final Class<?> taskClass;
    private final long submitNanoTime;

    /**
     * Creates the future for a callable.
     *
     * @param callable the application's task, not {@code null}
     * @param pool the pool's probe, or {@code null}
     */
    public TimedFutureTask(Callable<V> callable, PoolProbe pool) {
        super(callable);
        this.pool = pool;
        this.taskClass = callable.getClass();
        this.submitNanoTime = SubmitStamps.stamp();
    }

    /**
     * Creates the future for a runnable.
     *
     * @param runnable the application's task, not {@code null}
     * @param result the result to return on success
     * @param pool the pool's probe, or {@code null}
     */
    public TimedFutureTask(Runnable runnable, V result, PoolProbe pool) {
        super(runnable, result);
        this.pool = pool;
        this.taskClass = runnable.getClass();
        this.submitNanoTime = SubmitStamps.stamp();
    }

    @Override
    public void run() {
        WorkerProbe w = CurrentWorker.of(pool);
        if (w == null) {
            super.run();
            return;
        }
        Polls.begin(w, submitNanoTime, -1, false, taskClass);
        try {
            super.run();
        } finally {
            Polls.end(w, taskClass, false);
        }
    }
}
