package dev.taskflight.analysis.finding;

import java.time.Duration;
import java.util.Objects;

/** The validation every warning/critical pair of durations shares, with the finding's name in the message. */
final class DurationBands {

    private DurationBands() {
    }

    /**
     * Checks a warning and a critical threshold.
     *
     * @param finding the finding's type, for the message
     * @param warning the shortest duration reported, positive
     * @param critical the shortest critical duration, not shorter than {@code warning}
     * @throws NullPointerException if either is {@code null}
     * @throws IllegalArgumentException if {@code warning} is not positive or {@code critical} is shorter
     */
    static void validate(String finding, Duration warning, Duration critical) {
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(critical, "critical");
        if (warning.isNegative() || warning.isZero()) {
            throw new IllegalArgumentException(finding + " warning threshold must be positive");
        }
        if (critical.compareTo(warning) < 0) {
            throw new IllegalArgumentException(finding + " critical threshold is shorter than the warning one");
        }
    }
}
