package dev.taskflight.analysis.finding;

import dev.taskflight.events.PoolKinds;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.WorkerReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Work is spread unevenly: polls per worker differ more than 3x (warning), more than 10x (critical).
 *
 * <p>Elastic thread pools are not judged: a {@code ThreadPoolExecutor} that ran more workers than its
 * core size (a cached pool, {@code HttpClient}'s executor) starts extra workers for bursts, and its
 * hand-off queue gives each task to the most recently idle worker, so uneven polls there are by design
 * and nothing waits on the busy worker.
 */
public final class ImbalanceFinding {

    /** The finding's type. */
    public static final String TYPE = "imbalance";
    /** A busiest-to-idlest poll ratio above this is a warning. */
    public static final double DEFAULT_RATIO = 3.0;
    /** A ratio above this is critical. */
    public static final double DEFAULT_CRITICAL_RATIO = 10.0;
    /** Pools with fewer polls in all are not judged. */
    public static final long MIN_POLLS = 100;

    /**
     * The imbalance thresholds.
     *
     * @param ratio the ratio above which it is a warning, greater than 1
     * @param criticalRatio the ratio above which it is critical, not below {@code ratio}
     */
    public record Thresholds(double ratio, double criticalRatio) {
        /** The defaults: 3 and 10. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_RATIO, DEFAULT_CRITICAL_RATIO);

        /** Validates the thresholds. */
        public Thresholds {
            if (!(ratio > 1)) {
                throw new IllegalArgumentException("imbalance ratio must be greater than 1");
            }
            if (!(criticalRatio >= ratio)) {
                throw new IllegalArgumentException("imbalance critical ratio is below the warning one");
            }
        }
    }

    private ImbalanceFinding() {
    }

    /** A pool with one shared queue (a thread pool, a server pool) that ran more workers than its core size. */
    private static boolean elastic(PoolReport pool, List<WorkerReport> workers) {
        boolean threadPool = PoolKinds.sharesOneQueue(pool.kind());
        return threadPool && pool.parallelism() >= 0 && workers.size() > pool.parallelism();
    }

    /**
     * Finds pools whose workers ran very different numbers of polls. Workers with counters are
     * compared when the pool has any; otherwise the poll events seen.
     *
     * @param pools the pools, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, one per pool at most, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        for (PoolReport pool : pools) {
            boolean counters = pool.workers().stream().anyMatch(WorkerReport::fromCounters);
            List<WorkerReport> workers = pool.workers().stream()
                    .filter(w -> w.worker() >= 0 && w.fromCounters() == counters)
                    .collect(Collectors.toList());
            long total = workers.stream().mapToLong(WorkerReport::polls).sum();
            if (workers.size() < 2 || total < MIN_POLLS || elastic(pool, workers)) {
                continue;
            }
            WorkerReport max = workers.stream().max(Comparator.comparingLong(WorkerReport::polls)).get();
            WorkerReport min = workers.stream().min(Comparator.comparingLong(WorkerReport::polls)).get();
            double ratio = min.polls() == 0 ? Double.POSITIVE_INFINITY : (double) max.polls() / min.polls();
            if (ratio <= t.ratio()) {
                continue;
            }
            Severity severity = ratio > t.criticalRatio() ? Severity.CRITICAL : Severity.WARNING;
            List<Map<String, Object>> perWorker = new ArrayList<>();
            for (WorkerReport w : workers) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("worker", w.worker());
                m.put("polls", w.polls());
                m.put("steals", w.steals());
                perWorker.add(m);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("ratio", Double.isInfinite(ratio) ? -1.0 : ratio);
            facts.put("busiestWorker", max.worker());
            facts.put("busiestPolls", max.polls());
            facts.put("idlestWorker", min.worker());
            facts.put("idlestPolls", min.polls());
            facts.put("fromCounters", counters);
            facts.put("workers", perWorker);
            String steals = workers.stream().map(w -> w.worker() + ":" + w.steals()).collect(Collectors.joining(" "));
            String message = "polls per worker differ " + (Double.isInfinite(ratio) ? "without bound"
                    : String.format(Locale.ROOT, "%.1fx", ratio)) + ": worker " + max.worker() + " ran "
                    + max.polls() + ", worker " + min.worker() + " ran " + min.polls() + " (steals by worker "
                    + steals + ")";
            findings.add(new Finding(TYPE, severity, pool.name(), -1, message, facts));
        }
        return findings;
    }
}
