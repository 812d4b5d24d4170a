package dev.taskflight.metrics.internal;

import dev.taskflight.analysis.live.PoolSnapshot;

/**
 * One interval of one published pool: a pool's snapshot as it is, or the sum of the snapshots of the
 * pools aggregated over the cap (counts and times add up; percentiles, the longest poll and the busy
 * ratio of several pools cannot be added, so the largest percentile and poll are kept and the ratio is
 * recomputed from the summed times).
 */
public final class Merged {

    int workers;
    double busyWorkers;
    double busyRatio = -1;
    long polls;
    long busyNanos;
    long idleNanos;
    long parks;
    long steals;
    long longPolls;
    long criticalLongPolls;
    long longestPollNanos;
    long delayCount;
    long delayP50Nanos;
    long delayP99Nanos;
    long delayMaxNanos;
    long queueMax = -1;
    private int snapshots;

    /** Adds one pool's snapshot of the interval. */
    public void add(PoolSnapshot s) {
        snapshots++;
        workers += s.workers();
        busyWorkers += s.workerBusy().stream().mapToDouble(PoolSnapshot.WorkerBusy::busyRatio).filter(r -> r >= 0).sum();
        polls += s.polls();
        busyNanos += s.busyNanos();
        idleNanos += s.idleNanos();
        parks += s.parks();
        steals += s.steals();
        longPolls += s.longPolls();
        criticalLongPolls += s.criticalLongPolls();
        longestPollNanos = Math.max(longestPollNanos, s.longestPollNanos());
        delayCount += s.delayCount();
        delayP50Nanos = Math.max(delayP50Nanos, s.delayP50Nanos());
        delayP99Nanos = Math.max(delayP99Nanos, s.delayP99Nanos());
        delayMaxNanos = Math.max(delayMaxNanos, s.delayMaxNanos());
        if (s.queueMax() >= 0) {
            queueMax = Math.max(queueMax, 0) + s.queueMax();
        }
        if (snapshots == 1) {
            busyRatio = s.busyRatio();
        } else {
            long known = busyNanos + idleNanos;
            busyRatio = known > 0 ? (double) busyNanos / known : -1;
        }
    }
}
