package dev.taskflight.analysis.report;

/**
 * One kind of thing the JDK recorded during a poll, with what it was about and how much of the poll
 * it explains.
 *
 * @param kind the kind, not {@code null}
 * @param subject the monitor or parked-on class, the socket, the file, the top frame or the pinning
 *        reason; {@code ""} when the JDK did not say
 * @param events the number of JDK events
 * @param nanos the time explained, within the poll (for CPU: samples times the sampling period)
 * @param share {@code nanos} as a fraction of the poll, 0 to 1
 */
public record Cause(CauseKind kind, String subject, long events, long nanos, double share) {
}
