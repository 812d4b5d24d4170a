package dev.taskflight.cli;

import dev.taskflight.analysis.finding.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code info}, {@code warning} or {@code critical}. */
final class SeverityConverter implements ITypeConverter<Severity> {

    @Override
    public Severity convert(String value) {
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
