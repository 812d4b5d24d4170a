package dev.taskflight.analysis.report;

/**
 * Scheduling-delay percentiles of a pool or worker, in nanoseconds, from the polls that measured it.
 *
 * @param count polls with a measured delay
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest delay
 * @param mean the mean
 */
public record DelayReport(long count, long p50, long p90, long p99, long p999, long max, long mean) {

    /** No measured delay. */
    public static final DelayReport EMPTY = new DelayReport(0, 0, 0, 0, 0, 0, 0);
}
