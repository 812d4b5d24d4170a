package dev.taskflight.analysis.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats durations, counts and times the way the reports show them, and reads durations the way
 * the options give them.
 */
public final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m)");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Units() {
    }

    /**
     * Reads a duration option such as {@code 10ms}, {@code 2.5ms}, {@code 500us}, {@code 1s},
     * {@code 750ns} or {@code 2m}: a non-negative decimal number and a unit ({@code ns}, {@code us},
     * {@code ms}, {@code s}, {@code m}), ignoring case; fractions of a nanosecond are dropped.
     *
     * @param text the option's value, not {@code null}
     * @return the duration, not negative, not {@code null}
     * @throws IllegalArgumentException if the text is not such a duration
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 10ms, 2.5ms, 500us, 1s)");
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> 60_000_000_000L;
        };
        return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
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
