package dev.taskflight.analysis.report;

import dev.taskflight.analysis.finding.Severity;
import java.time.Instant;

/**
 * One long poll, with what the JDK recorded on its thread during it.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker index, -1 if unknown
 * @param thread the worker thread's name, {@code ""} if unknown
 * @param taskClass the task's class name, {@code ""} if unknown
 * @param virtualThread the mounted virtual thread's name, {@code null} if none
 * @param start when the poll started, not {@code null}
 * @param durationNanos how long it lasted
 * @param severity the severity by the long-poll thresholds, not {@code null}
 * @param explanation what the JDK recorded during it, not {@code null}
 */
public record LongPoll(String pool, int worker, String thread, String taskClass, String virtualThread,
        Instant start, long durationNanos, Severity severity, Explanation explanation) {
}
