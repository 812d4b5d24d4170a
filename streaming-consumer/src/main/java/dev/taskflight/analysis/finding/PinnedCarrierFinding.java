package dev.taskflight.analysis.finding;

import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.Units;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Virtual threads pinned to their carriers 20 ms or more (warning), 100 ms or more (critical). */
public final class PinnedCarrierFinding {

    /** The finding's type. */
    public static final String TYPE = "pinned-carrier";
    /** A pinning this long or longer is a warning. */
    public static final Duration DEFAULT_WARNING = Duration.ofMillis(20);
    /** A pinning this long or longer is critical. */
    public static final Duration DEFAULT_CRITICAL = Duration.ofMillis(100);

    /**
     * The pinned-carrier thresholds.
     *
     * @param warning the shortest pinning reported, positive, not {@code null}
     * @param critical the shortest critical pinning, not shorter, not {@code null}
     */
    public record Thresholds(Duration warning, Duration critical) {
        /** The defaults: 20 ms and 100 ms. */
        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_WARNING, DEFAULT_CRITICAL);

        /** Validates the thresholds. */
        public Thresholds {
            DurationBands.validate(TYPE, warning, critical);
        }
    }

    private PinnedCarrierFinding() {
    }

    /**
     * Finds long pinnings.
     *
     * @param pinning the pinning seen, not {@code null}
     * @param t the thresholds, not {@code null}
     * @return one finding or none, not {@code null}
     */
    public static List<Finding> evaluate(PinningReport pinning, Thresholds t) {
        if (pinning.overThreshold() == 0) {
            return List.of();
        }
        Severity severity = pinning.maxNanos() >= t.critical().toNanos() ? Severity.CRITICAL : Severity.WARNING;
        String where = pinning.where().isEmpty() ? "" : pinning.where().get(0).frame();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("count", pinning.overThreshold());
        facts.put("maxNanos", pinning.maxNanos());
        facts.put("totalNanos", pinning.totalNanos());
        facts.put("where", where);
        facts.put("warningThresholdNanos", t.warning().toNanos());
        String message = "virtual threads were pinned to their carriers " + pinning.overThreshold()
                + (pinning.overThreshold() == 1 ? " time" : " times") + " for " + Units.duration(t.warning().toNanos())
                + " or more (longest " + Units.duration(pinning.maxNanos()) + ")"
                + (where.isEmpty() ? "" : ", mostly at " + where);
        return List.of(new Finding(TYPE, severity, null, -1, message, facts));
    }

}
