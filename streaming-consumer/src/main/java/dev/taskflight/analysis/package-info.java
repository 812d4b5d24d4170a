/**
 * The analysis engine over {@code jdk.jfr.consumer}: {@link dev.taskflight.analysis.Analyzer} reads Taskflight events by name from any source, one at a time or registered with an {@code EventStream}; the second pass ({@link dev.taskflight.analysis.explain.Explainer}) explains long polls and idle periods with the JDK's own events.
 */
package dev.taskflight.analysis;
