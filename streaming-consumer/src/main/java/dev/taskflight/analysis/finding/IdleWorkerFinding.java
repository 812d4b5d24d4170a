package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.analysis.report.WorkerReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A worker idle while work waited: parked 1 ms or more and woke to queued work (warning; critical
 * when one such park lasted 50 ms or more), or busy under 50% while other workers of its pool were
 * saturated (busy 90% or more).
 */
public final class IdleWorkerFinding {

    /** The finding's type. */
    public static final String TYPE = "idle-worker";
    /** A park this long or longer that woke to queued work counts. */
    public static final Duration DEFAULT_MIN_PARK = Duration.ofMillis(1);
    /** One such park this long or longer is critical. */
    public static final Duration DEFAULT_CRITICAL_PARK = Duration.ofMillis(50);
    /** A worker busy less than this share of its time is under-used... */
    public static final double DEFAULT_UNDER_UTILIZATION = 0.5;
    /** ...when another worker of its pool is busy at least this share of its time. */
    public static final double DEFAULT_SATURATION = 0.9;
    /** Workers observed (busy plus idle) less than this long are not judged on utilization. */
    public static final Duration MIN_OBSERVED = Duration.ofMillis(100);

    /**
     * The idle-worker thresholds.
     *
     * @param minPark the shortest park that counts, positive, not {@code null}
     * @param criticalPark the shortest critical park, not shorter than {@code minPark}, not {@code null}
     * @param underUtilization the busy share below which a worker is under-used, 0 to 1
     * @param saturation the busy share from which a worker is saturated, 0 to 1
     */
    public record Thresholds(Duration minPark, Duration criticalPark, double underUtilization,
            double saturation) {
        /** The defaults: 1 ms, 50 ms, 50%, 90%. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_MIN_PARK, DEFAULT_CRITICAL_PARK,
                DEFAULT_UNDER_UTILIZATION, DEFAULT_SATURATION);

        /** Validates the thresholds. */
        public Thresholds {
            Objects.requireNonNull(minPark, "minPark");
            Objects.requireNonNull(criticalPark, "criticalPark");
            if (minPark.isNegative() || minPark.isZero()) {
                throw new IllegalArgumentException("idle-worker park threshold must be positive");
            }
            if (criticalPark.compareTo(minPark) < 0) {
                throw new IllegalArgumentException("idle-worker critical park is shorter than the minimum park");
            }
            if (!(underUtilization >= 0 && underUtilization <= 1 && saturation >= 0 && saturation <= 1)) {
                throw new IllegalArgumentException("utilization thresholds must be between 0 and 1");
            }
        }
    }

    private IdleWorkerFinding() {
    }

    /**
     * Finds idle workers.
     *
     * @param pools the pools, not {@code null}
     * @param episodes the longest parks that woke to queued work, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, one per worker at most, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, List<IdleEpisode> episodes, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        for (PoolReport pool : pools) {
            List<WorkerReport> saturated = pool.workers().stream()
                    .filter(w -> observed(w) && w.busyRatio() >= t.saturation())
                    .collect(Collectors.toList());
            for (WorkerReport w : pool.workers()) {
                if (w.idleWithWork() > 0) {
                    findings.add(parkedWithWork(pool, w, episodes, t));
                } else if (observed(w) && w.busyRatio() >= 0 && w.busyRatio() < t.underUtilization()
                        && saturated.stream().anyMatch(s -> s.worker() != w.worker())) {
                    findings.add(underUsed(pool, w, saturated, t));
                }
            }
        }
        return findings;
    }

    private static boolean observed(WorkerReport w) {
        return w.fromCounters() && w.busyNanos() + w.idleNanos() >= MIN_OBSERVED.toNanos();
    }

    private static Finding parkedWithWork(PoolReport pool, WorkerReport w, List<IdleEpisode> episodes,
            Thresholds t) {
        List<IdleEpisode> mine = episodes.stream()
                .filter(e -> e.pool().equals(pool.name()) && e.worker() == w.worker())
                .collect(Collectors.toList());
        long longest = mine.stream().mapToLong(IdleEpisode::durationNanos).max().orElse(0);
        long maxQueued = mine.stream().mapToLong(IdleEpisode::queuedTasks).max().orElse(0);
        Severity severity = longest >= t.criticalPark().toNanos() ? Severity.CRITICAL : Severity.WARNING;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reason", "parked-with-queued-work");
        facts.put("parks", w.idleWithWork());
        facts.put("idleNanos", w.idleWithWorkNanos());
        facts.put("longestNanos", longest);
        facts.put("maxQueuedTasks", maxQueued);
        facts.put("minParkNanos", t.minPark().toNanos());
        String message = "worker " + w.worker() + " parked " + times(w.idleWithWork()) + " for "
                + Units.duration(t.minPark().toNanos()) + " or more while work was queued ("
                + Units.duration(w.idleWithWorkNanos()) + " in all"
                + (longest > 0 ? ", longest " + Units.duration(longest) : "")
                + (maxQueued > 0 ? ", up to " + maxQueued + " tasks waiting" : "") + ")";
        return new Finding(TYPE, severity, pool.name(), w.worker(), message, facts);
    }

    private static Finding underUsed(PoolReport pool, WorkerReport w, List<WorkerReport> saturated, Thresholds t) {
        String others = saturated.stream().filter(s -> s.worker() != w.worker())
                .map(s -> String.valueOf(s.worker())).collect(Collectors.joining(", "));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reason", "under-utilized");
        facts.put("busyRatio", w.busyRatio());
        facts.put("idleNanos", w.idleNanos());
        facts.put("saturatedWorkers", others);
        String message = "worker " + w.worker() + " was busy " + Units.percent(w.busyRatio())
                + " of the time while worker" + (others.contains(",") ? "s " + others + " were" : " " + others + " was")
                + " busy "
                + Units.percent(t.saturation()) + " or more";
        return new Finding(TYPE, Severity.WARNING, pool.name(), w.worker(), message, facts);
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }
}
