package dev.taskflight.analysis.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats durations, counts and times the way the reports show them. */
public final class Units {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Units() {
    }

    /**
     * Formats a duration with three significant digits: {@code 850 ns}, {@code 12.3 us},
     * {@code 312 ms}, {@code 4.56 s}.
     *
     * @param nanos the duration in nanoseconds
     * @return the text, not {@code null}
     */
    public static String duration(long nanos) {
        if (nanos < 0) {
            return "-" + duration(-Math.max(nanos, -Long.MAX_VALUE));
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return threeDigits(nanos / 1e3) + " us";
        }
        if (nanos < 1_000_000_000) {
            return threeDigits(nanos / 1e6) + " ms";
        }
        return threeDigits(nanos / 1e9) + " s";
    }

    /**
     * Formats a fraction as a whole percentage, such as {@code 94%}.
     *
     * @param fraction the fraction, 0 to 1
     * @return the text, not {@code null}
     */
    public static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /**
     * Formats an instant as a UTC time of day with milliseconds, such as {@code 12:00:01.234}.
     *
     * @param instant the instant, or {@code null}
     * @return the text, {@code "?"} for {@code null}
     */
    public static String time(Instant instant) {
        return instant == null ? "?" : TIME.format(instant);
    }

    private static String threeDigits(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
