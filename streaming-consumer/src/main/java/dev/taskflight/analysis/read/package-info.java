/**
 * The read-by-name view of an event that every handler of the analysis engine reads, with its
 * adapter over {@code jdk.jfr.consumer.RecordedEvent}.
 */
package dev.taskflight.analysis.read;
