package dev.taskflight.analysis.live;

import java.time.Instant;
import java.util.Objects;

/**
 * A poll the recorder's watchdog saw still running ({@code taskflight.PollInProgress}), at one of the
 * moments a line is written for it: first reported, past the critical threshold, or ended.
 *
 * @param pool the pool's name, not {@code null}
 * @param worker the worker's index in its pool, -1 if unknown
 * @param thread the worker thread's name, {@code ""} if unknown, not {@code null}
 * @param taskClass the running task's class name, {@code ""} if unknown, not {@code null}
 * @param since when the poll started, as the watchdog saw it (up to one watchdog period early), not {@code null}
 * @param seen the last time the watchdog saw it running (for {@link #ENDED}, when it ended), not {@code null}
 * @param runningNanos how long it had been running then (for {@link #ENDED}, how long it ran)
 * @param topFrame the worker's top application frame ({@code type.method}: the innermost frame outside
 *        the JDK and Taskflight, else the innermost frame), {@code ""} when the watchdog took no stack
 *        (at most 10 a second), not {@code null}
 * @param state {@link #RUNNING}, {@link #CRITICAL} or {@link #ENDED}, not {@code null}
 */
public record StuckPoll(String pool, int worker, String thread, String taskClass, Instant since, Instant seen,
        long runningNanos, String topFrame, String state) {

    /** Still running, below the critical threshold. */
    public static final String RUNNING = "running";
    /** Still running, at or past the critical threshold. */
    public static final String CRITICAL = "critical";
    /** Ended after it was reported running. */
    public static final String ENDED = "ended";

    /** Checks that nothing is {@code null}. */
    public StuckPoll {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(taskClass, "taskClass");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(topFrame, "topFrame");
        Objects.requireNonNull(state, "state");
    }

    /** Creates a poll still running ({@link #RUNNING}). */
    public StuckPoll(String pool, int worker, String thread, String taskClass, Instant since, Instant seen,
            long runningNanos, String topFrame) {
        this(pool, worker, thread, taskClass, since, seen, runningNanos, topFrame, RUNNING);
    }

    /** Returns this poll in another state, seen at {@code seen} after {@code runningNanos}. */
    StuckPoll at(String newState, Instant newSeen, long newRunningNanos) {
        return new StuckPoll(pool, worker, thread, taskClass, since, newSeen, newRunningNanos, topFrame, newState);
    }
}
