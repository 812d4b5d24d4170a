package dev.taskflight.analysis.report;

/**
 * Statistics of one worker. Totals come from the worker's cumulative counters
 * ({@code taskflight.WorkerSample}) when it was sampled, otherwise from the events seen.
 *
 * @param pool the pool, not {@code null}
 * @param worker the worker index, -1 if unknown
 * @param thread the worker thread's name, {@code ""} if unknown
 * @param fromCounters whether the totals come from counters (exact) rather than events seen
 * @param polls polls completed during the recording: the counters' polls, but never fewer than the poll
 *        events seen (polls that ended before a worker's first sample have only their events)
 * @param busyNanos time spent in polls
 * @param idleNanos time spent waiting for work
 * @param parks times it went idle
 * @param steals tasks it stole
 * @param busyRatio {@code busy / (busy + idle)}, 0 to 1, -1 when unknown
 * @param maxLocalQueueDepth the deepest local queue sampled, -1 if none
 * @param pollEvents poll events seen (only long ones with the production profile)
 * @param longestPollNanos the longest poll seen
 * @param idleWithWork parks of the idle-worker threshold or longer that woke to queued work
 * @param idleWithWorkNanos the time spent in those parks
 * @param delay the worker's scheduling-delay percentiles, not {@code null}
 * @param counterPolls the polls the counters counted, -1 without counters
 */
public record WorkerReport(String pool, int worker, String thread, boolean fromCounters, long polls,
        long busyNanos, long idleNanos, long parks, long steals, double busyRatio, int maxLocalQueueDepth,
        long pollEvents, long longestPollNanos, long idleWithWork, long idleWithWorkNanos,
        DelayReport delay, long counterPolls) {

    /** Creates a report whose polls are the counters' when {@code fromCounters}. */
    public WorkerReport(String pool, int worker, String thread, boolean fromCounters, long polls,
            long busyNanos, long idleNanos, long parks, long steals, double busyRatio, int maxLocalQueueDepth,
            long pollEvents, long longestPollNanos, long idleWithWork, long idleWithWorkNanos,
            DelayReport delay) {
        this(pool, worker, thread, fromCounters, polls, busyNanos, idleNanos, parks, steals, busyRatio,
                maxLocalQueueDepth, pollEvents, longestPollNanos, idleWithWork, idleWithWorkNanos, delay,
                fromCounters ? polls : -1);
    }

    /**
     * Returns whether Taskflight saw this worker at work: a task run, a wait for work, or a poll event.
     * A worker known only from its samples (after an attach, a worker whose loop the agent could not
     * reach) ran whatever its thread ran unseen.
     *
     * @return {@code true} if any poll, park, poll event or idle time was seen
     */
    public boolean seenAtWork() {
        return polls > 0 || parks > 0 || pollEvents > 0 || idleNanos > 0;
    }
}
