package dev.taskflight.analysis.worker;

import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-worker totals from {@code WorkerSample} counters: last minus first, or the last value when
 * the worker started during the recording (its thread's start was recorded, or its first sample
 * came after its pool's first sampling round).
 */
public final class WorkerCounterAggregator {

    /** Samples of one round lie within this of each other. */
    public static final long ROUND_TOLERANCE_NANOS = 10_000_000L;
    /** The most thread starts remembered. */
    public static final int MAX_THREAD_STARTS = 100_000;

    private final ThreadDirectory threads;
    private final Map<WorkerKey, WorkerCounters> workers = new HashMap<>();
    private final Map<String, Long> poolFirstSample = new HashMap<>();
    private final Map<Long, Long> threadStarts = new HashMap<>();
    private final Map<WorkerKey, long[]> reportedBefore = new HashMap<>();

    /** Creates an aggregator teaching {@code threads} which threads are workers. */
    public WorkerCounterAggregator(ThreadDirectory threads) {
        this.threads = threads;
    }

    /**
     * Adds a sample.
     *
     * @param key the worker, not {@code null}
     * @param timeNanos when it was sampled, in nanoseconds since the epoch
     * @param threadId the worker thread's id, -1 if unknown
     * @param threadName the worker thread's name
     * @param values polls, busy, idle, parks, steals
     * @param localQueueDepth the local queue depth, -1 if none
     */
    public void sample(WorkerKey key, long timeNanos, long threadId, String threadName, long[] values,
            int localQueueDepth) {
        workers.computeIfAbsent(key, k -> new WorkerCounters())
                .add(timeNanos, threadId, threadName, values, localQueueDepth);
        poolFirstSample.merge(key.pool(), timeNanos, Math::min);
        threads.put(threadId, key);
    }

    /** Records that a thread started during the recording. */
    public void threadStarted(long threadId, long timeNanos) {
        if (threadStarts.size() < MAX_THREAD_STARTS) {
            threadStarts.put(threadId, timeNanos);
        }
    }

    /**
     * Records what an earlier part of a live analysis already reported for a worker from its events
     * alone, before the worker's first sample. If the worker's counters turn out to count from zero
     * (its thread started during the recording), these polls are in them too, so they are subtracted
     * from its totals here rather than counted twice. Reports of several earlier parts add up.
     *
     * @param key the worker, not {@code null}
     * @param values polls, busy, idle, parks and steals already reported, in that order; not kept
     */
    public void reportedBefore(WorkerKey key, long[] values) {
        if (values.length != WorkerCounters.COUNTERS) {
            throw new IllegalArgumentException("expected " + WorkerCounters.COUNTERS + " values: " + values.length);
        }
        long[] sum = reportedBefore.computeIfAbsent(key, k -> new long[WorkerCounters.COUNTERS]);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    /**
     * Adds what another aggregator read from a later part of the same recording.
     *
     * @param later the later part's aggregator, not used afterwards, not {@code null}
     */
    public void merge(WorkerCounterAggregator later) {
        later.workers.forEach((k, v) -> workers.computeIfAbsent(k, x -> new WorkerCounters()).merge(v));
        later.poolFirstSample.forEach((k, v) -> poolFirstSample.merge(k, v, Math::min));
        later.threadStarts.forEach(this::threadStarted);
    }

    /** Returns the totals per worker. */
    public Map<WorkerKey, CounterTotals> totals() {
        Map<WorkerKey, CounterTotals> m = new TreeMap<>();
        workers.forEach((key, counters) -> {
            boolean fromZero = fromZero(key, counters);
            m.put(key, counters.totals(fromZero, fromZero ? reportedBefore.get(key) : null));
        });
        return m;
    }

    /**
     * Returns the workers whose counters cannot say what they did: a single sample, of a worker that was
     * already running (its counters do not count from zero). Its totals are zero for want of a second
     * sample, not because it did nothing; whether Taskflight saw it at work is unknown, not "never".
     *
     * @return the workers, not {@code null}
     */
    public Set<WorkerKey> baselineOnly() {
        Set<WorkerKey> set = new HashSet<>();
        workers.forEach((key, counters) -> {
            if (counters.samples() == 1 && !fromZero(key, counters)) {
                set.add(key);
            }
        });
        return set;
    }

    /** Whether a worker's counters count from zero: its thread started, or it first appeared, in this recording. */
    private boolean fromZero(WorkerKey key, WorkerCounters counters) {
        long poolFirst = poolFirstSample.getOrDefault(key.pool(), counters.firstTime());
        Long started = threadStarts.get(counters.firstThread());
        return (started != null && started <= counters.firstTime())
                || counters.firstTime() > poolFirst + ROUND_TOLERANCE_NANOS;
    }
}
