/**
 * Queues: the {@code taskflight.QueueSample} handler and per-pool queue statistics.
 */
package dev.taskflight.analysis.queue;
