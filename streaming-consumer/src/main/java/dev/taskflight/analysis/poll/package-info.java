/**
 * Polls: the {@code taskflight.TaskPoll} handler and its aggregator (per pool and worker, scheduling-delay histograms, the longest polls).
 */
package dev.taskflight.analysis.poll;
