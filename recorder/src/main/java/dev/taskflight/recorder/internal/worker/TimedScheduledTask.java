package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduled pool's task as decorated by the library: every run is one poll, and its scheduling
 * delay is how late the run started after the time it was due. Everything else is the JDK task's.
 *
 * @param <V> the result type
 */
public final class TimedScheduledTask<V> implements RunnableScheduledFuture<V> {

    private final RunnableScheduledFuture<V> task;
    private final Class<?> taskClass;
    private final PoolProbe pool;
    private final ScheduledThreadPoolExecutor executor;

    /**
     * Decorates a scheduled task.
     *
     * @param task the pool's own task, not {@code null}
     * @param taskClass the class of the application's task
     * @param pool the pool's probe, or {@code null}
     * @param executor the pool, whose remove-on-cancel policy the decorated task honours
     */
    public TimedScheduledTask(RunnableScheduledFuture<V> task, Class<?> taskClass, PoolProbe pool,
            ScheduledThreadPoolExecutor executor) {
        this.task = task;
        this.taskClass = taskClass;
        this.pool = pool;
        this.executor = executor;
    }

    @Override
    public void run() {
        WorkerProbe w = CurrentWorker.of(pool);
        if (w == null) {
            task.run();
            return;
        }
        long due = SubmitStamps.sample(0) == 0 // sampled: read the due time, which costs a clock
                ? System.nanoTime() + task.getDelay(TimeUnit.NANOSECONDS) : WorkerProbe.NO_SUBMIT_TIME;
        Polls.begin(w, due, -1, true, taskClass);
        try {
            task.run();
        } finally {
            Polls.end(w, taskClass, true);
        }
    }

    @Override
    public boolean isPeriodic() {
        return task.isPeriodic();
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return task.getDelay(unit);
    }

    @Override
    public int compareTo(Delayed other) {
        Delayed o = other instanceof TimedScheduledTask ? ((TimedScheduledTask<?>) other).task : other;
        return task.compareTo(o);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = task.cancel(mayInterruptIfRunning);
        // The JDK task removes itself from the queue by its own identity; the queue holds this one.
        if (cancelled && executor.getRemoveOnCancelPolicy()) {
            executor.remove(this);
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return task.isCancelled();
    }

    @Override
    public boolean isDone() {
        return task.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return task.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return task.get(timeout, unit);
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
