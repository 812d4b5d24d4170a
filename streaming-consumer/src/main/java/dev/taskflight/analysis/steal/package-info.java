/**
 * Steals: the {@code taskflight.TaskSteal} handler and its counts.
 */
package dev.taskflight.analysis.steal;
