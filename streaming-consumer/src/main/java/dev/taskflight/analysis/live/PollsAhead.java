package dev.taskflight.analysis.live;

import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.WorkerReport;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each interval's polls at least the polls its events show, and the intervals' sum equal to the
 * counters. A worker's counters are sampled now and then, so an interval may end before the sample
 * that counts the polls whose events it saw (polls=0 beside longPolls=44): that interval reports the
 * polls it saw, as a lower bound, and the later intervals report that many fewer from the counters.
 * Memory is bounded by the number of workers whose counters lag.
 */
final class PollsAhead {

    /** The most workers remembered; beyond it the oldest is forgotten (its next interval may count a few polls twice). */
    static final int MAX_WORKERS = 10_000;

    private final Map<WorkerKey, Long> ahead = new HashMap<>();

    /**
     * Returns the polls to report for one worker in one interval.
     *
     * @param w the worker's report for the interval, not {@code null}
     * @return the polls: its counters' difference less what earlier intervals reported ahead of the
     *         counters, but never fewer than its poll events in the interval
     */
    long polls(WorkerReport w) {
        if (!w.fromCounters()) {
            return w.polls();
        }
        WorkerKey key = new WorkerKey(w.pool(), w.worker());
        long counted = w.counterPolls();
        long before = ahead.getOrDefault(key, 0L);
        long reported = Math.max(counted - before, w.pollEvents());
        long after = before + reported - counted;
        if (after > 0) {
            if (ahead.size() >= MAX_WORKERS && !ahead.containsKey(key)) {
                ahead.remove(ahead.keySet().iterator().next());
            }
            ahead.put(key, after);
        } else {
            ahead.remove(key);
        }
        return reported;
    }

    /**
     * Returns whether the polls reported for this worker are a lower bound: it has no counters (only
     * the poll events seen, and the production profile records only the long ones), or its counters
     * lag behind its events.
     */
    boolean lowerBound(WorkerReport w) {
        return !w.fromCounters() || ahead.containsKey(new WorkerKey(w.pool(), w.worker()));
    }
}
