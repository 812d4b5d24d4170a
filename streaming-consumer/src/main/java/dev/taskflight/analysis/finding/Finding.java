package dev.taskflight.analysis.finding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One detected problem.
 *
 * @param type the finding's type, such as {@link LongPollFinding#TYPE}, not {@code null}
 * @param severity how serious it is, not {@code null}
 * @param pool the pool concerned, {@code null} if none
 * @param worker the worker concerned, -1 if the finding is about a whole pool
 * @param message one English sentence, not {@code null}
 * @param facts the measured values behind the finding, by stable key (numbers in nanoseconds or
 *        counts, strings, or lists of such maps), in a fixed order, not {@code null}
 */
public record Finding(String type, Severity severity, String pool, int worker, String message,
        Map<String, Object> facts) {

    /** Copies the facts, keeping their order. */
    public Finding {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
