package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.internal.core.PoolProbe;
import dev.taskflight.recorder.internal.core.SubmitStamps;
import dev.taskflight.recorder.internal.core.WorkerProbe;
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
    private final boolean gapParks;

    /**
     * Wraps a task at submission.
     *
     * @param task the application's task, not {@code null}
     * @param pool the pool's probe, or {@code null} if not yet known (then the task just runs)
     * @param gapParks whether the pool measures idle periods as gaps between polls
     */
    public TimedRunnable(Runnable task, PoolProbe pool, boolean gapParks) {
        this.task = Objects.requireNonNull(task);
        this.pool = pool;
        this.submitNanoTime = SubmitStamps.stamp();
        this.submitter = Polls.submitter(pool);
        this.gapParks = gapParks;
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
        WorkerProbe w = CurrentWorker.of(pool);
        if (w == null) {
            task.run();
            return;
        }
        Polls.begin(w, submitNanoTime, submitter, gapParks, task.getClass());
        try {
            task.run();
        } finally {
            Polls.end(w, task.getClass(), gapParks);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
