package dev.taskflight.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TaskflightMeters} and {@link TaskflightMetrics} publish: the interval of the in-process
 * stream, and the cardinality limits.
 *
 * @param interval the length of the stream's intervals, each one an update of the meters, at least 1 ms
 * @param perWorker whether to publish each worker's busy ratio too ({@link MeterNames#WORKER_BUSY_RATIO})
 * @param maxPools the most pools published under their own name; later pools are aggregated under
 *        {@link MeterNames#OTHER_POOLS}, at least 1
 */
public record MetricsOptions(Duration interval, boolean perWorker, int maxPools) {

    /** The default interval: 10 s, as {@code jfr-analyze stream}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The default cap on distinct pools. */
    public static final int DEFAULT_MAX_POOLS = 50;
    /** Per pool, at most {@value #DEFAULT_MAX_POOLS} pools, 10 s intervals. */
    public static final MetricsOptions DEFAULT = new MetricsOptions(DEFAULT_INTERVAL, false, DEFAULT_MAX_POOLS);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the interval is under 1 ms or {@code maxPools} under 1
     */
    public MetricsOptions {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1ms: " + interval);
        }
        if (maxPools < 1) {
            throw new IllegalArgumentException("maxPools must be at least 1: " + maxPools);
        }
    }

    /**
     * Returns these options with another interval.
     *
     * @param d the interval, at least 1 ms
     * @return the options, not {@code null}
     */
    public MetricsOptions withInterval(Duration d) {
        return new MetricsOptions(d, perWorker, maxPools);
    }

    /**
     * Returns these options with each worker's busy ratio published, or not.
     *
     * @param on whether to publish per worker
     * @return the options, not {@code null}
     */
    public MetricsOptions withPerWorker(boolean on) {
        return new MetricsOptions(interval, on, maxPools);
    }

    /**
     * Returns these options with another cap on distinct pools.
     *
     * @param max the most pools published under their own name, at least 1
     * @return the options, not {@code null}
     */
    public MetricsOptions withMaxPools(int max) {
        return new MetricsOptions(interval, perWorker, max);
    }
}
