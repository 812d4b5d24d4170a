package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
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
    private final boolean forkJoin;

    /**
     * Wraps a task at submission.
     *
     * @param task the application's task, not {@code null}
     * @param pool the pool's probe, or {@code null}
     * @param forkJoin whether the pool is a library {@code ForkJoinPool}: its workers are
     *        {@link ProbedWorkerThread}s, and it measures idle periods as gaps between polls
     */
    public TimedCallable(Callable<V> task, PoolProbe pool, boolean forkJoin) {
        this.task = Objects.requireNonNull(task);
        this.pool = pool;
        WorkerProbe self = Polls.submitting(forkJoin);
        this.submitNanoTime = SubmitStamps.stamp(self);
        this.submitter = Polls.submitter(self, pool);
        this.forkJoin = forkJoin;
    }

    @Override
    public V call() throws Exception {
        WorkerProbe w = Polls.running(pool, forkJoin);
        if (w == null) {
            return task.call();
        }
        if (w.lean(submitNanoTime, submitter)) {
            w.leanPollStart(task);
            try {
                return task.call();
            } finally {
                w.leanPollEnd(null);
            }
        }
        Polls.begin(w, submitNanoTime, submitter, forkJoin, task.getClass());
        try {
            return task.call();
        } finally {
            Polls.end(w, task.getClass(), forkJoin);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
