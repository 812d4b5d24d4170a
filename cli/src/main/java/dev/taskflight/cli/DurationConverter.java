package dev.taskflight.cli;

import dev.taskflight.analysis.report.Units;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 10ms}, {@code 2.5ms}, {@code 500us}, {@code 1s}, {@code 750ns} ({@link Units#parseDuration}). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Units.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
