/**
 * Worker counters: the {@code taskflight.WorkerSample} handler, and totals from cumulative counters.
 */
package dev.taskflight.analysis.worker;
