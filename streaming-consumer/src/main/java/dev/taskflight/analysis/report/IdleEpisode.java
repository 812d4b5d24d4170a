package dev.taskflight.analysis.report;

import java.time.Instant;

/**
 * A worker parked while work was waiting in its pool.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker index, -1 if unknown
 * @param thread the worker thread's name, {@code ""} if unknown
 * @param start when the worker parked, not {@code null}
 * @param durationNanos how long it stayed parked
 * @param queuedTasks tasks waiting while it parked
 * @param queuedForNanos how long queue samples showed work waiting while it was parked: from the
 *        first sample during the park with queued work to the wake-up; -1 if no sample fell in the park
 * @param maxQueuedDuring the largest queue depth sampled during the park, -1 if none was sampled
 */
public record IdleEpisode(String pool, int worker, String thread, Instant start, long durationNanos,
        long queuedTasks, long queuedForNanos, long maxQueuedDuring) {
}
