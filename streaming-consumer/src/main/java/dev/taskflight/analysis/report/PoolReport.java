package dev.taskflight.analysis.report;

import java.util.List;

/**
 * Everything known about one pool.
 *
 * @param name the pool's name, not {@code null}
 * @param kind the pool kind ({@code ThreadPoolExecutor}, {@code ForkJoinPool}...), {@code ""} if unknown
 * @param parallelism the target number of workers, -1 if unknown
 * @param instrumentation {@code library}, {@code agent} or {@code sampling}, {@code ""} if unknown
 * @param taskflightVersion the recorder's version, {@code ""} if unknown
 * @param totals the sums over the pool's workers, not {@code null}
 * @param workers the workers, by index, not {@code null}
 * @param queue the queue statistics, {@code null} if the pool was never sampled
 * @param delay the pool's scheduling-delay percentiles, not {@code null}
 * @param pollEvents poll events seen
 * @param longPolls polls at or above the long-poll warning threshold
 * @param criticalLongPolls polls at or above the long-poll critical threshold
 */
public record PoolReport(String name, String kind, int parallelism, String instrumentation,
        String taskflightVersion, WorkerReport totals, List<WorkerReport> workers, QueueReport queue,
        DelayReport delay, long pollEvents, long longPolls, long criticalLongPolls) {

    /** Copies the list. */
    public PoolReport {
        workers = List.copyOf(workers);
    }
}
