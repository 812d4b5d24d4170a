package dev.taskflight.analysis.report;

import java.time.Instant;

/**
 * The queue of one pool over the recording, from {@code taskflight.QueueSample}. Queued work is
 * {@code queuedTasks} plus {@code queuedSubmissions} (when the pool has them).
 *
 * @param samples queue samples read
 * @param maxQueued the deepest queue sampled
 * @param maxAt when it was deepest, {@code null} without samples
 * @param meanQueued the mean depth
 * @param samplesOverWarning samples at or above the backlog warning threshold
 * @param firstOverWarning the first such sample, {@code null} if none
 * @param lastOverWarning the last such sample, {@code null} if none
 * @param meanActiveWorkers the mean number of active workers
 * @param maxPoolSize the most workers sampled
 * @param steals steals during the recording (counter difference), -1 if not counted
 * @param completed tasks completed during the recording (counter difference), -1 if not counted
 */
public record QueueReport(long samples, long maxQueued, Instant maxAt, double meanQueued,
        long samplesOverWarning, Instant firstOverWarning, Instant lastOverWarning,
        double meanActiveWorkers, int maxPoolSize, long steals, long completed) {
}
