package dev.taskflight.analysis.finding;

import java.util.Locale;

/** How serious a finding is, in increasing order. */
public enum Severity {
    /** Worth knowing; not a problem by itself. */
    INFO,
    /** Likely to hurt latency or throughput. */
    WARNING,
    /** Hurting latency or throughput now. */
    CRITICAL;

    /**
     * Returns the lower-case name used in options and JSON, such as {@code warning}.
     *
     * @return the id, not {@code null}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a severity name, ignoring case.
     *
     * @param text {@code info}, {@code warning} or {@code critical}, not {@code null}
     * @return the severity, not {@code null}
     * @throws IllegalArgumentException if the text names no severity
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected info, warning or critical)");
    }
}
