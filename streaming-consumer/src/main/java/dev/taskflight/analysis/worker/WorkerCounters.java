package dev.taskflight.analysis.worker;

import java.util.function.BiPredicate;

/**
 * The cumulative counters of one pool worker index, reduced to what totals need: the first and
 * last samples, and the totals of earlier segments. The recorder carries an index's counters over to
 * the next thread that takes the index, so a thread change continues the counters; only a counter
 * going backwards (counters from another recorder, a restarted pool) starts a new segment, whose
 * counters start from zero. A sample whose thread is unknown (JFR writes no thread for one that has
 * exited, as in the final samples of a terminated pool) keeps the last known thread.
 */
public final class WorkerCounters {

    static final int POLLS = 0;
    static final int BUSY = 1;
    static final int IDLE = 2;
    static final int PARKS = 3;
    static final int STEALS = 4;
    /** The number of counters: polls, busy, idle, parks and steals. */
    static final int COUNTERS = 5;
    private static final int N = COUNTERS;

    private long[] first;
    private long firstTime;
    private long firstThread;
    private long[] last;
    private long lastTime;
    private long lastThread;
    private long[] firstSegmentEnd;
    private final long[] laterSegments = new long[N];
    private int maxLocalQueueDepth = -1;
    private long samples;
    private String threadName = "";

    /** @return the samples added, older ones included */
    long samples() {
        return samples;
    }

    /**
     * Adds a sample; samples older than the latest are ignored.
     *
     * @param timeNanos the sample's time, in nanoseconds since the epoch
     * @param threadId the worker thread's id, -1 if unknown
     * @param threadName the worker thread's name, {@code ""} if unknown
     * @param values polls, busy, idle, parks and steals, in that order; not kept
     * @param localQueueDepth the local queue depth, -1 if none
     */
    public void add(long timeNanos, long threadId, String threadName, long[] values, int localQueueDepth) {
        maxLocalQueueDepth = Math.max(maxLocalQueueDepth, localQueueDepth);
        if (samples++ == 0) {
            first = values.clone();
            last = values.clone();
            firstTime = lastTime = timeNanos;
            firstThread = lastThread = threadId;
            this.threadName = threadName;
            return;
        }
        if (timeNanos < lastTime) {
            return;
        }
        if (threadId == -1) {
            threadId = lastThread;
        }
        if (decreased(values)) {
            if (firstSegmentEnd == null) {
                firstSegmentEnd = last.clone();
            } else {
                for (int i = 0; i < N; i++) {
                    laterSegments[i] += last[i];
                }
            }
        }
        last = values.clone();
        lastTime = timeNanos;
        lastThread = threadId;
        if (!threadName.isEmpty()) {
            this.threadName = threadName;
        }
    }

    /**
     * Appends the samples another part of the recording read after this part's, as if they had been
     * added here one by one.
     *
     * @param later the later part's counters of the same worker, not {@code null}
     */
    public void merge(WorkerCounters later) {
        if (later.samples == 0) {
            return;
        }
        if (samples == 0) {
            first = later.first;
            firstTime = later.firstTime;
            firstThread = later.firstThread;
            firstSegmentEnd = later.firstSegmentEnd;
            System.arraycopy(later.laterSegments, 0, laterSegments, 0, N);
        } else {
            long count = samples;
            add(later.firstTime, later.firstThread, later.threadName, later.first, -1);
            samples = count;
            if (later.firstSegmentEnd != null) {
                if (firstSegmentEnd == null) {
                    firstSegmentEnd = later.firstSegmentEnd.clone();
                } else {
                    for (int i = 0; i < N; i++) {
                        laterSegments[i] += later.firstSegmentEnd[i];
                    }
                }
                for (int i = 0; i < N; i++) {
                    laterSegments[i] += later.laterSegments[i];
                }
            }
        }
        last = later.last.clone();
        lastTime = later.lastTime;
        lastThread = later.lastThread;
        samples += later.samples;
        maxLocalQueueDepth = Math.max(maxLocalQueueDepth, later.maxLocalQueueDepth);
        if (!later.threadName.isEmpty()) {
            threadName = later.threadName;
        }
    }

    /** Returns the time of the first sample. */
    public long firstTime() {
        return firstTime;
    }

    /** Returns the id of the thread of the first sample, -1 if unknown. */
    public long firstThread() {
        return firstThread;
    }

    /**
     * Returns the totals over the recording.
     *
     * @param startedDuring whether a thread (id, first sample time) started during the recording:
     *        then its counters count from zero rather than from its first sample
     * @return the totals, not {@code null}
     */
    public CounterTotals totals(BiPredicate<Long, Long> startedDuring) {
        return totals(startedDuring.test(firstThread, firstTime), null);
    }

    /**
     * Returns the totals over the recording, less what was already reported elsewhere.
     *
     * @param fromZero whether the worker's thread started during the recording: then its counters
     *        count from zero rather than from its first sample
     * @param alreadyReported polls, busy, idle, parks and steals to subtract (no total goes below
     *        zero), or {@code null}
     * @return the totals, not {@code null}
     */
    public CounterTotals totals(boolean fromZero, long[] alreadyReported) {
        long[] base = fromZero ? new long[N] : first;
        long[] firstEnd = firstSegmentEnd == null ? last : firstSegmentEnd;
        long[] t = new long[N];
        for (int i = 0; i < N; i++) {
            t[i] = Math.max(0, firstEnd[i] - base[i]) + laterSegments[i]
                    + (firstSegmentEnd == null ? 0 : last[i]);
            if (alreadyReported != null) {
                t[i] = Math.max(0, t[i] - alreadyReported[i]);
            }
        }
        return new CounterTotals(t[POLLS], t[BUSY], t[IDLE], t[PARKS], t[STEALS], maxLocalQueueDepth, samples,
                threadName);
    }

    private boolean decreased(long[] values) {
        for (int i = 0; i < N; i++) {
            if (values[i] < last[i]) {
                return true;
            }
        }
        return false;
    }
}
