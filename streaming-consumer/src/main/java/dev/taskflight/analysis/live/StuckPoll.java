package dev.taskflight.analysis.live;

import java.time.Instant;
import java.util.Objects;

/**
 * A poll still running when the recorder's watchdog looked ({@code taskflight.PollInProgress}), reported
 * once, in the interval in which it was first seen, if it had not ended by that interval's close.
 *
 * @param pool the pool's name, not {@code null}
 * @param worker the worker's index in its pool, -1 if unknown
 * @param thread the worker thread's name, {@code ""} if unknown, not {@code null}
 * @param taskClass the running task's class name, {@code ""} if unknown, not {@code null}
 * @param since when the poll started, as the watchdog saw it (up to one watchdog period early), not {@code null}
 * @param seen the last time the watchdog saw it running in the interval, not {@code null}
 * @param runningNanos how long it had been running then
 * @param topFrame the innermost frame of the worker's stack ({@code type.method}), {@code ""} when the
 *        watchdog took no stack (rate limit), not {@code null}
 */
public record StuckPoll(String pool, int worker, String thread, String taskClass, Instant since, Instant seen,
        long runningNanos, String topFrame) {

    /** Checks that nothing is {@code null}. */
    public StuckPoll {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(taskClass, "taskClass");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(topFrame, "topFrame");
    }
}
