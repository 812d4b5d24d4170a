package dev.taskflight.analysis.poll;

/**
 * A long poll kept for explanation: plain data, no JFR types.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker index, -1 if unknown
 * @param threadId the worker thread's Java id, -1 if unknown
 * @param thread the worker thread's name
 * @param taskClass the task's class name, {@code ""} if unknown
 * @param virtualThreadId the mounted virtual thread's id, -1 if none
 * @param virtualThread the mounted virtual thread's name, {@code null} if none
 * @param startNanos the start, in nanoseconds since the epoch
 * @param durationNanos the duration
 */
public record LongPollCandidate(String pool, int worker, long threadId, String thread, String taskClass,
        long virtualThreadId, String virtualThread, long startNanos, long durationNanos) {

    /** Returns the end, in nanoseconds since the epoch. */
    public long endNanos() {
        return startNanos + durationNanos;
    }
}
