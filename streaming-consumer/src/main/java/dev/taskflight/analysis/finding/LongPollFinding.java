package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task held its worker too long: polls of 10 ms or more (warning), 50 ms or more (critical). */
public final class LongPollFinding {

    /** The finding's type. */
    public static final String TYPE = "long-poll";
    /** A poll this long or longer is a warning. */
    public static final Duration DEFAULT_WARNING = Duration.ofMillis(10);
    /** A poll this long or longer is critical. */
    public static final Duration DEFAULT_CRITICAL = Duration.ofMillis(50);

    /**
     * The long-poll thresholds.
     *
     * @param warning the shortest poll reported, positive, not {@code null}
     * @param critical the shortest critical poll, not shorter than {@code warning}, not {@code null}
     */
    public record Thresholds(Duration warning, Duration critical) {
        /** The defaults: 10 ms and 50 ms. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_WARNING, DEFAULT_CRITICAL);

        /** Validates the thresholds. */
        public Thresholds {
            DurationBands.validate(TYPE, warning, critical);
        }
    }

    private LongPollFinding() {
    }

    /**
     * Returns the severity of a poll of a given length.
     *
     * @param nanos the poll's duration
     * @param t the thresholds, not {@code null}
     * @return the severity, or {@code null} if the poll is not long
     */
    public static Severity severityOf(long nanos, Thresholds t) {
        if (nanos >= t.critical().toNanos()) {
            return Severity.CRITICAL;
        }
        return nanos >= t.warning().toNanos() ? Severity.WARNING : null;
    }

    /**
     * Finds the pools with long polls: one finding per pool, naming its longest poll and its cause.
     *
     * @param pools the pools, not {@code null}
     * @param longest the longest polls, longest first, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return the findings, not {@code null}
     */
    public static List<Finding> evaluate(List<PoolReport> pools, List<LongPoll> longest, Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        for (PoolReport pool : pools) {
            if (pool.longPolls() == 0) {
                continue;
            }
            Severity severity = pool.criticalLongPolls() > 0 ? Severity.CRITICAL : Severity.WARNING;
            LongPoll top = longest.stream().filter(p -> p.pool().equals(pool.name())).findFirst().orElse(null);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("count", pool.longPolls());
            facts.put("criticalCount", pool.criticalLongPolls());
            facts.put("warningThresholdNanos", t.warning().toNanos());
            facts.put("criticalThresholdNanos", t.critical().toNanos());
            StringBuilder m = new StringBuilder();
            m.append(pool.longPolls()).append(pool.longPolls() == 1 ? " poll" : " polls").append(" took ")
                    .append(Units.duration(t.warning().toNanos())).append(" or more");
            if (pool.criticalLongPolls() > 0) {
                m.append(" (").append(pool.criticalLongPolls()).append(" of ")
                        .append(Units.duration(t.critical().toNanos())).append(" or more)");
            }
            if (top != null) {
                facts.put("longestNanos", top.durationNanos());
                facts.put("longestWorker", top.worker());
                facts.put("longestTaskClass", top.taskClass());
                Cause cause = top.explanation().mainCause();
                facts.put("longestCause", cause == null ? "" : cause.kind().id());
                facts.put("longestCauseSubject", cause == null ? "" : cause.subject());
                m.append("; longest ").append(Units.duration(top.durationNanos())).append(" on worker ")
                        .append(top.worker());
                if (!top.taskClass().isEmpty()) {
                    m.append(" (").append(top.taskClass()).append(")");
                }
                m.append(": ").append(top.explanation().describe());
            }
            findings.add(new Finding(TYPE, severity, pool.name(), -1, m.toString(), facts));
        }
        return findings;
    }
}
