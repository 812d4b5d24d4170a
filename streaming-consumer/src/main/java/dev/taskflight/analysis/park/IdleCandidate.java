package dev.taskflight.analysis.park;

/**
 * A park that woke to queued work, kept for explanation: plain data.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker index, -1 if unknown
 * @param thread the worker thread's name
 * @param startNanos when it parked, in nanoseconds since the epoch
 * @param durationNanos how long it stayed parked
 * @param queuedTasks tasks waiting while it parked
 */
public record IdleCandidate(String pool, int worker, String thread, long startNanos, long durationNanos,
        long queuedTasks) {

    /** Returns the wake-up, in nanoseconds since the epoch. */
    public long endNanos() {
        return startNanos + durationNanos;
    }
}
