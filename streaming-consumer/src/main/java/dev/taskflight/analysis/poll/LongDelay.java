package dev.taskflight.analysis.poll;

/**
 * A long scheduling delay kept for explanation: plain data, no JFR types.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker that ran the task, -1 if unknown
 * @param taskClass the task's class, {@code ""} if unknown
 * @param waitStartNanos when the wait began, in nanoseconds since the epoch
 * @param delayNanos how long it waited
 */
public record LongDelay(String pool, int worker, String taskClass, long waitStartNanos, long delayNanos) {

    /** Returns when the wait ended (the poll started), in nanoseconds since the epoch. */
    public long waitEndNanos() {
        return waitStartNanos + delayNanos;
    }
}
