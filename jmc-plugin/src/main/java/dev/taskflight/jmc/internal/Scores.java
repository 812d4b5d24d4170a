package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.finding.Severity;

/**
 * Maps a finding's severity, and how far its measure is past the thresholds, to a JMC score:
 * {@code critical} to 75-100 (JMC's <em>Warning</em>), {@code warning} to 50-75 and {@code info} to
 * 25-50 (both JMC's <em>Information</em>); no finding is 0 (<em>OK</em>). Within a band the score
 * grows with the measure, so the worst of several findings has the highest score.
 */
public final class Scores {

    /** The score of a recording without the finding. */
    public static final double NONE = 0;

    private Scores() {
    }

    /**
     * Returns the score of a finding.
     *
     * @param severity the finding's severity, not {@code null}
     * @param value its measure (a duration, a depth, a ratio), {@code +Infinity} for unbounded
     * @param warning the measure's warning threshold, positive
     * @param critical the measure's critical threshold, not below {@code warning}
     * @return the score, 25 to 100
     */
    public static double of(Severity severity, double value, double warning, double critical) {
        switch (severity) {
            case CRITICAL:
                return Double.isInfinite(value) || value <= 0 ? 100 : clamp(75 + 25 * (1 - critical / value), 75, 100);
            case WARNING:
                return critical <= warning ? 50 : clamp(50 + 25 * (value - warning) / (critical - warning), 50, 74.9);
            default:
                return 25;
        }
    }

    private static double clamp(double v, double min, double max) {
        return Double.isNaN(v) ? min : Math.max(min, Math.min(max, v));
    }
}
