package dev.taskflight.analysis.report;

/**
 * A method and how many samples had it on top of the stack.
 *
 * @param frame the method, {@code com.acme.Type.method}, not {@code null}
 * @param samples the number of samples
 */
public record FrameCount(String frame, long samples) {
}
