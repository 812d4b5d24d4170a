package dev.taskflight.analysis.worker;

/**
 * A worker's counter differences over the recording.
 *
 * @param polls polls completed
 * @param busyNanos time in polls
 * @param idleNanos time waiting for work
 * @param parks times it went idle
 * @param steals tasks stolen
 * @param maxLocalQueueDepth the deepest local queue sampled, -1 if none
 * @param samples samples read
 * @param thread the worker thread's name, {@code ""} if unknown
 */
public record CounterTotals(long polls, long busyNanos, long idleNanos, long parks, long steals,
        int maxLocalQueueDepth, long samples, String thread) {

    /** Returns {@code busy / (busy + idle)}, or -1 when both are zero. */
    public double busyRatio() {
        long total = busyNanos + idleNanos;
        return total <= 0 ? -1 : (double) busyNanos / total;
    }
}
