package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Tasks wait too long to start: p99 scheduling delay of 5 ms or more (warning), 50 ms (critical). */
public final class SchedulingDelayFinding {

    /** The finding's type. */
    public static final String TYPE = "scheduling-delay";
    /** A p99 this long or longer is a warning. */
    public static final Duration DEFAULT_P99_WARNING = Duration.ofMillis(5);
    /** A p99 this long or longer is critical. */
    public static final Duration DEFAULT_P99_CRITICAL = Duration.ofMillis(50);
    /** Pools with fewer measured delays are not judged: their p99 is just their maximum. */
    public static final long MIN_MEASURED = 10;

    /**
     * The scheduling-delay thresholds.
     *
     * @param p99Warning the p99 from which it is a warning, positive, not {@code null}
     * @param p99Critical the p99 from which it is critical, not shorter, not {@code null}
     */
    public record Thresholds(Duration p99Warning, Duration p99Critical) {
        /** The defaults: 5 ms and 50 ms. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_P99_WARNING, DEFAULT_P99_CRITICAL);

        /** Validates the thresholds. */
        public Thresholds {
            Objects.requireNonNull(p99Warning, "p99Warning");
            Objects.requireNonNull(p99Critical, "p99Critical");
            if (p99Warning.isNegative() || p99Warning.isZero()) {
                throw new IllegalArgumentException("scheduling-delay threshold must be positive");
            }
            if (p99Critical.compareTo(p99Warning) < 0) {
                throw new IllegalArgumentException("scheduling-delay critical threshold is shorter than the warning one");
            }
        }
    }

    private SchedulingDelayFinding() {
    }

    /**
     * Finds pools whose tasks wait too long to start.
     *
     * @param pools the pools, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, one per pool at most, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        for (PoolReport pool : pools) {
            DelayReport d = pool.delay();
            if (d.count() < MIN_MEASURED || d.p99() < t.p99Warning().toNanos()) {
                continue;
            }
            Severity severity = d.p99() >= t.p99Critical().toNanos() ? Severity.CRITICAL : Severity.WARNING;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("count", d.count());
            facts.put("p50Nanos", d.p50());
            facts.put("p90Nanos", d.p90());
            facts.put("p99Nanos", d.p99());
            facts.put("p999Nanos", d.p999());
            facts.put("maxNanos", d.max());
            facts.put("p99WarningNanos", t.p99Warning().toNanos());
            String message = "p99 scheduling delay " + Units.duration(d.p99()) + " (p50 " + Units.duration(d.p50())
                    + ", max " + Units.duration(d.max()) + ", over " + d.count() + " polls), threshold "
                    + Units.duration(t.p99Warning().toNanos());
            findings.add(new Finding(TYPE, severity, pool.name(), -1, message, facts));
        }
        return findings;
    }
}
