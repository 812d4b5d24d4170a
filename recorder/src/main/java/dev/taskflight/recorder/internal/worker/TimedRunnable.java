package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.Objects;

/**
 * A submitted {@link Runnable} with its submit time: run by one of its pool's workers, it is one
 * poll. Run anywhere else (a caller-runs rejection) it just runs. It is invisible to the task: same
 * exceptions, and {@link #toString()} is the task's.
 */
public final class TimedRunnable implements Runnable {

    private final Runnable task;
    private final PoolProbe pool;
    private final long submitNanoTime;
    private final int submitter;
    private final boolean forkJoin;

    /**
     * Wraps a task at submission.
     *
     * @param task the application's task, not {@code null}
     * @param pool the pool's probe, or {@code null} if not yet known (then the task just runs)
     * @param forkJoin whether the pool is a library {@code ForkJoinPool}: its workers are
     *        {@link ProbedWorkerThread}s, and it measures idle periods as gaps between polls
     */
    public TimedRunnable(Runnable task, PoolProbe pool, boolean forkJoin) {
        this.task = Objects.requireNonNull(task);
        this.pool = pool;
        WorkerProbe self = Polls.submitting(forkJoin);
        this.submitNanoTime = SubmitStamps.stamp(self);
        this.submitter = Polls.submitter(self, pool);
        this.forkJoin = forkJoin;
    }

    /**
     * Returns the application's task behind a possibly wrapped one.
     *
     * @param r a task, possibly a {@code TimedRunnable}
     * @return the application's task
     */
    public static Runnable unwrap(Runnable r) {
        return r instanceof TimedRunnable ? ((TimedRunnable) r).task : r;
    }

    @Override
    public void run() {
        WorkerProbe w = Polls.running(pool, forkJoin);
        if (w == null) {
            task.run();
            return;
        }
        if (w.lean(submitNanoTime, submitter)) {
            w.leanPollStart(task);
            try {
                task.run();
            } finally {
                w.leanPollEnd(null);
            }
            return;
        }
        Polls.begin(w, submitNanoTime, submitter, forkJoin, task.getClass());
        try {
            task.run();
        } finally {
            Polls.end(w, task.getClass(), forkJoin);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
