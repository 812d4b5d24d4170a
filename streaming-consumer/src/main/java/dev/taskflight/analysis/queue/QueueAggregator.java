package dev.taskflight.analysis.queue;

import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.report.QueueReport;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates queue samples per pool. The queued work of a sample is its queued tasks plus its queued
 * submissions, when the pool has them.
 */
public final class QueueAggregator {

    private final long warning;
    private final Map<String, QueueStats> pools = new HashMap<>();

    /** Creates an aggregator counting samples at or above the backlog warning threshold. */
    public QueueAggregator(QueueBacklogFinding.Thresholds thresholds) {
        this.warning = thresholds.warning();
    }

    /** Returns the queued work of a sample: tasks plus submissions (a negative count is "none"). */
    public static long queuedWork(long queuedTasks, long queuedSubmissions) {
        return Math.max(0, queuedTasks) + Math.max(0, queuedSubmissions);
    }

    /**
     * Adds a sample.
     *
     * @param pool the pool, not {@code null}
     * @param timeNanos when it was sampled, in nanoseconds since the epoch
     * @param queued the queued work
     * @param active active workers
     * @param poolSize workers that exist
     * @param steals the cumulative steal counter, -1 if none
     * @param completed the cumulative completed-task counter, -1 if none
     */
    public void sample(String pool, long timeNanos, long queued, int active, int poolSize, long steals,
            long completed) {
        pools.computeIfAbsent(pool, p -> new QueueStats())
                .add(timeNanos, queued, active, poolSize, steals, completed, warning);
    }

    /** Adds what another aggregator read from another part of the same recording. */
    public void merge(QueueAggregator other) {
        other.pools.forEach((k, v) -> pools.computeIfAbsent(k, x -> new QueueStats()).merge(v));
    }

    /** Returns the queue statistics per pool, by name. */
    public Map<String, QueueReport> reports() {
        Map<String, QueueReport> m = new TreeMap<>();
        pools.forEach((pool, stats) -> m.put(pool, stats.report()));
        return m;
    }
}
