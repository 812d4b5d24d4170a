package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.Finding;
import java.util.List;

/**
 * One pool over one interval, like one item of tokio-metrics' {@code intervals()}, with the findings
 * attached. Counts and times are differences of the recorder's cumulative counters over the interval
 * when the pool is sampled, otherwise what the events of the interval show. {@code polls} is never
 * below {@code longPolls}: when the counters lag behind the events (their next sample falls in a later
 * interval) or there are none, it is the polls seen, a lower bound ({@code pollsLowerBound}), and the
 * later intervals count that many fewer from the counters, so that the intervals add up to them.
 *
 * @param pool the pool's name, not {@code null}
 * @param kind the pool kind, {@code ""} if unknown
 * @param workers the workers seen
 * @param polls polls completed, at least {@code longPolls}
 * @param pollsLowerBound whether {@code polls} is only the polls seen, fewer than ran (no counters, or
 *        counters not sampled yet)
 * @param busyRatio the pool's busy time over busy plus idle time, 0 to 1, -1 when unknown
 * @param workerBusy each worker's busy ratio, by worker index, not {@code null}
 * @param idleWorkers workers with an idle-worker finding
 * @param parks times workers went idle
 * @param longPolls polls at or above the long-poll warning threshold
 * @param longestPollNanos the longest poll seen, 0 if none
 * @param topCause the main cause of the longest long poll ({@code cpu}, {@code monitor}...), {@code ""} if none
 * @param delayCount polls with a measured scheduling delay
 * @param delayP50Nanos the median scheduling delay
 * @param delayP99Nanos the 99th percentile scheduling delay
 * @param delayMaxNanos the largest scheduling delay
 * @param queueMax the deepest queue sampled, -1 if the queue was not sampled
 * @param steals tasks stolen
 * @param findings the findings about this pool, most severe first, not {@code null}
 * @param causes the share of the interval's long-poll time in each cause, the largest first, as
 *        {@code cpu:0.52,sleep:0.33,unexplained:0.15}; {@code ""} without long polls
 * @param criticalLongPolls polls at or above the long-poll critical threshold, at most {@code longPolls}
 * @param busyNanos the workers' summed busy time, the numerator of {@code busyRatio}
 * @param idleNanos the workers' summed idle time
 */
public record PoolSnapshot(String pool, String kind, int workers, long polls, boolean pollsLowerBound, double busyRatio,
        List<WorkerBusy> workerBusy, int idleWorkers, long parks, long longPolls, long longestPollNanos,
        String topCause, long delayCount, long delayP50Nanos, long delayP99Nanos, long delayMaxNanos,
        long queueMax, long steals, List<Finding> findings, String causes, long criticalLongPolls, long busyNanos,
        long idleNanos) {

    /** Copies the lists. */
    public PoolSnapshot {
        workerBusy = List.copyOf(workerBusy);
        findings = List.copyOf(findings);
    }

    /**
     * Creates a snapshot without the critical long polls and the busy and idle times (all 0).
     *
     * @param pool the pool's name, not {@code null}
     * @param kind the pool kind, {@code ""} if unknown
     * @param workers the workers seen
     * @param polls polls completed
     * @param pollsLowerBound whether {@code polls} is only the polls seen
     * @param busyRatio the pool's busy ratio, -1 when unknown
     * @param workerBusy each worker's busy ratio, not {@code null}
     * @param idleWorkers workers with an idle-worker finding
     * @param parks times workers went idle
     * @param longPolls polls at or above the long-poll warning threshold
     * @param longestPollNanos the longest poll seen
     * @param topCause the main cause of the longest long poll, {@code ""} if none
     * @param delayCount polls with a measured scheduling delay
     * @param delayP50Nanos the median scheduling delay
     * @param delayP99Nanos the 99th percentile scheduling delay
     * @param delayMaxNanos the largest scheduling delay
     * @param queueMax the deepest queue sampled, -1 if not sampled
     * @param steals tasks stolen
     * @param findings the findings about this pool, not {@code null}
     * @param causes the share of the long-poll time in each cause
     */
    public PoolSnapshot(String pool, String kind, int workers, long polls, boolean pollsLowerBound, double busyRatio,
            List<WorkerBusy> workerBusy, int idleWorkers, long parks, long longPolls, long longestPollNanos,
            String topCause, long delayCount, long delayP50Nanos, long delayP99Nanos, long delayMaxNanos,
            long queueMax, long steals, List<Finding> findings, String causes) {
        this(pool, kind, workers, polls, pollsLowerBound, busyRatio, workerBusy, idleWorkers, parks, longPolls,
                longestPollNanos, topCause, delayCount, delayP50Nanos, delayP99Nanos, delayMaxNanos, queueMax, steals,
                findings, causes, 0, 0, 0);
    }

    /**
     * One worker's busy ratio over the interval.
     *
     * @param worker the worker index, -1 if unknown
     * @param busyRatio busy over busy plus idle time, 0 to 1, -1 when unknown
     */
    public record WorkerBusy(int worker, double busyRatio) {
    }
}
