package dev.taskflight.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 10ms}, {@code 2.5ms}, {@code 500us}, {@code 1s}, {@code 750ns}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m)");

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 10ms, 2.5ms, 500us, 1s)");
        }
        BigDecimal nanosPerUnit;
        switch (m.group(2)) {
            case "ns": nanosPerUnit = BigDecimal.ONE; break;
            case "us": nanosPerUnit = BigDecimal.valueOf(1_000L); break;
            case "ms": nanosPerUnit = BigDecimal.valueOf(1_000_000L); break;
            case "s": nanosPerUnit = BigDecimal.valueOf(1_000_000_000L); break;
            default: nanosPerUnit = BigDecimal.valueOf(60_000_000_000L); break;
        }
        return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(nanosPerUnit).longValue());
    }
}
