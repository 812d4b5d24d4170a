package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.internal.core.PoolProbe;
import dev.taskflight.recorder.internal.core.SubmitStamps;
import dev.taskflight.recorder.internal.core.WorkerProbe;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A submitted {@link Callable} with its submit time: run by one of its pool's workers, it is one
 * poll. Same result, same exceptions; {@link #toString()} is the task's.
 *
 * @param <V> the task's result type
 */
public final class TimedCallable<V> implements Callable<V> {

    private final Callable<V> task;
    private final PoolProbe pool;
    private final long submitNanoTime;
    private final int submitter;
    private final boolean gapParks;

    /**
     * Wraps a task at submission.
     *
     * @param task the application's task, not {@code null}
     * @param pool the pool's probe, or {@code null}
     * @param gapParks whether the pool measures idle periods as gaps between polls
     */
    public TimedCallable(Callable<V> task, PoolProbe pool, boolean gapParks) {
        this.task = Objects.requireNonNull(task);
        this.pool = pool;
        this.submitNanoTime = SubmitStamps.stamp();
        this.submitter = Polls.submitter(pool);
        this.gapParks = gapParks;
    }

    @Override
    public V call() throws Exception {
        WorkerProbe w = CurrentWorker.of(pool);
        if (w == null) {
            return task.call();
        }
        Polls.begin(w, submitNanoTime, submitter, gapParks, task.getClass());
        try {
            return task.call();
        } finally {
            Polls.end(w, task.getClass(), gapParks);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
