package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.TopN;
import dev.taskflight.analysis.internal.WorkerKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates polls per pool and per worker, and keeps the longest ones; memory is bounded by the
 * number of workers and the long-poll limit, not by the number of polls.
 */
public final class PollAggregator {

    /** Long polls logged for the cause breakdown; beyond, they are counted as not covered. */
    public static final int MAX_LOGGED = 500_000;
    /** Long scheduling delays kept per pool for explanation. */
    public static final int MAX_DELAYS_PER_POOL = 32;

    /** A worker's thread is read on its first poll and every 64 polls after. */
    private static final long THREAD_CHECK_MASK = 63;

    private final long warningNanos;
    private final long criticalNanos;
    private final TopN<LongPollCandidate> longest;
    private final ThreadDirectory threads;
    private final long longDelayNanos;
    private final List<LongPollCandidate> all = new ArrayList<>();
    private long uncovered;
    private final Map<String, TopN<LongDelay>> delays = new HashMap<>();
    private final Map<String, PollStats> pools = new HashMap<>();
    private final Map<WorkerKey, PollStats> workers = new HashMap<>();
    private final Map<WorkerKey, Long> sampledBefore = new HashMap<>();
    private String lastPool;
    private int lastWorker;
    private PollStats lastPoolStats;
    private PollStats lastWorkerStats;

    /**
     * Creates an empty aggregator.
     *
     * @param thresholds which polls are long, not {@code null}
     * @param maxLongPolls how many of the longest polls to keep
     * @param threads the directory to teach which threads are workers, not {@code null}
     */
    public PollAggregator(LongPollFinding.Thresholds thresholds, int maxLongPolls, ThreadDirectory threads) {
        this(thresholds, maxLongPolls, threads, SchedulingDelayFinding.DEFAULT_P99_WARNING.toNanos());
    }

    /**
     * Creates an empty aggregator that also keeps each pool's longest scheduling delays.
     *
     * @param thresholds which polls are long, not {@code null}
     * @param maxLongPolls how many of the longest polls to keep
     * @param threads the directory to teach which threads are workers, not {@code null}
     * @param longDelayNanos delays this long or longer are kept for explanation
     */
    public PollAggregator(LongPollFinding.Thresholds thresholds, int maxLongPolls, ThreadDirectory threads,
            long longDelayNanos) {
        this.longDelayNanos = longDelayNanos;
        this.warningNanos = thresholds.warning().toNanos();
        this.criticalNanos = thresholds.critical().toNanos();
        this.longest = new TopN<>(maxLongPolls);
        this.threads = threads;
    }

    /**
     * Adds a poll.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker index, -1 if unknown
     * @param durationNanos the poll's duration
     * @param delayNanos the scheduling delay, {@link Long#MIN_VALUE} if not measured
     * @return whether the worker's thread should be read and passed to {@link #thread}: for the
     *         worker's first poll, and then now and again in case another thread took its place
     */
    public boolean poll(String pool, int worker, long durationNanos, long delayNanos) {
        if (pool != lastPool || worker != lastWorker) {
            lastPool = pool;
            lastWorker = worker;
            lastPoolStats = pools.computeIfAbsent(pool, p -> new PollStats());
            lastWorkerStats = workers.computeIfAbsent(new WorkerKey(pool, worker), k -> new PollStats());
        }
        long sampled = lastWorkerStats.sampledDelay;
        if (!sampledBefore.isEmpty()) {
            Long before = sampledBefore.remove(new WorkerKey(pool, worker));
            if (before != null && sampled == Long.MIN_VALUE) {
                sampled = before;
            }
        }
        long delay = delayNanos;
        if (delay != Long.MIN_VALUE && sameDelay(delay, sampled)) {
            delay = Long.MIN_VALUE; // this poll's delay was counted from its SchedulingDelaySample
        }
        lastWorkerStats.sampledDelay = Long.MIN_VALUE;
        lastPoolStats.add(durationNanos, delay);
        lastWorkerStats.add(durationNanos, delay);
        if (durationNanos >= warningNanos) {
            lastPoolStats.longPolls++;
            lastWorkerStats.longPolls++;
            if (durationNanos >= criticalNanos) {
                lastPoolStats.criticalLongPolls++;
                lastWorkerStats.criticalLongPolls++;
            }
        }
        return (lastWorkerStats.events & THREAD_CHECK_MASK) == 1;
    }

    /** Records which thread the worker of the latest {@link #poll} runs on. */
    public void thread(long threadId) {
        if (threadId != lastWorkerStats.lastThreadId) {
            lastWorkerStats.lastThreadId = threadId;
            threads.put(threadId, new WorkerKey(lastPool, lastWorker));
        }
    }

    /**
     * Whether a poll's delay is the one its worker's {@code SchedulingDelaySample} recorded: the
     * same nanoseconds, or, since {@code TaskPoll} version 2 records whole microseconds, the sample's
     * nanoseconds rounded down to a microsecond, as the recorder converts it ({@code TaskPollEvent.delayOf};
     * not called here: an event class needs {@code jdk.jfr}, which JMC's OSGi bundle does not see).
     *
     * @param pollNanos the poll's delay, in nanoseconds
     * @param sampleNanos the sample's, in nanoseconds, or {@link Long#MIN_VALUE}
     * @return whether they are one measurement
     */
    public static boolean sameDelay(long pollNanos, long sampleNanos) {
        return sampleNanos != Long.MIN_VALUE && (pollNanos == sampleNanos || pollNanos == sampleNanos / 1_000 * 1_000);
    }

    /**
     * Adds a sampled scheduling delay ({@code taskflight.SchedulingDelaySample}): it counts in the delay
     * percentiles of the pool and the worker, not in their polls.
     *
     * <p>The delay population is counted once per task: a sampled task's delay comes from its sample,
     * written when its poll starts, and the worker's next {@link #poll} that carries the same delay is
     * that task's poll event (the recorder writes both when the poll is long, or in trace mode), so its
     * delay is not counted again. A poll event whose delay has no sample counts it itself.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker index, -1 if unknown
     * @param delayNanos the scheduling delay
     */
    public void delaySample(String pool, int worker, long delayNanos) {
        pools.computeIfAbsent(pool, p -> new PollStats()).addDelay(delayNanos);
        WorkerKey key = new WorkerKey(pool, worker);
        PollStats w = workers.computeIfAbsent(key, k -> new PollStats());
        w.addDelay(delayNanos);
        w.sampledDelay = delayNanos;
        sampledBefore.remove(key);
    }

    /**
     * Tells this aggregator the delay of a worker's latest {@code taskflight.SchedulingDelaySample} that
     * an earlier part of the stream counted and no poll event followed yet: a poll event carrying the
     * same delay is that task's, and its delay is not counted again.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker index, -1 if unknown
     * @param delayNanos the sampled delay
     */
    public void delaySampledBefore(String pool, int worker, long delayNanos) {
        sampledBefore.put(new WorkerKey(pool, worker), delayNanos);
    }

    /** Returns whether a poll of this length is long, and so worth {@link #longPoll}. */
    public boolean isLong(long durationNanos) {
        return durationNanos >= warningNanos;
    }

    /** Offers a long poll to the bounded set of the longest, and to the log of all long polls. */
    public void longPoll(LongPollCandidate candidate) {
        longest.offer(candidate.durationNanos(), () -> candidate);
        if (all.size() < MAX_LOGGED) {
            all.add(candidate);
        } else {
            uncovered++;
        }
    }

    /** Returns whether a scheduling delay of this length is kept for explanation by {@link #longDelay}. */
    public boolean isLongDelay(long delayNanos) {
        return delayNanos >= longDelayNanos;
    }

    /**
     * Offers a long scheduling delay to the pool's bounded set of the longest.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker that ran the task, -1 if unknown
     * @param taskClass the task's class, {@code ""} if unknown
     * @param pollStartNanos when the task's poll started, in nanoseconds since the epoch
     * @param delayNanos how long it waited
     */
    public void longDelay(String pool, int worker, String taskClass, long pollStartNanos, long delayNanos) {
        delays.computeIfAbsent(pool, p -> new TopN<>(MAX_DELAYS_PER_POOL)).offer(delayNanos,
                () -> new LongDelay(pool, worker, taskClass, pollStartNanos - delayNanos, delayNanos));
    }

    /** Returns every long poll logged, in the order read (up to {@value #MAX_LOGGED}). */
    public List<LongPollCandidate> allLongPolls() {
        return all;
    }

    /** Returns how many long polls were not logged, beyond {@value #MAX_LOGGED}. */
    public long uncoveredLongPolls() {
        return uncovered;
    }

    /** Returns the longest scheduling delays kept, by pool, longest first. */
    public Map<String, List<LongDelay>> longestDelays() {
        Map<String, List<LongDelay>> map = new TreeMap<>();
        delays.forEach((pool, top) -> map.put(pool, top.descending()));
        return map;
    }

    /**
     * Adds what another aggregator read from another part of the same recording.
     *
     * @param other the other aggregator, not used afterwards, not {@code null}
     */
    public void merge(PollAggregator other) {
        other.pools.forEach((k, v) -> pools.computeIfAbsent(k, x -> new PollStats()).merge(v));
        other.workers.forEach((k, v) -> workers.computeIfAbsent(k, x -> new PollStats()).merge(v));
        other.longest.descending().forEach(c -> longest.offer(c.durationNanos(), () -> c));
        for (LongPollCandidate c : other.all) {
            if (all.size() < MAX_LOGGED) {
                all.add(c);
            } else {
                uncovered++;
            }
        }
        uncovered += other.uncovered;
        other.delays.forEach((pool, top) -> top.descending().forEach(d -> delays
                .computeIfAbsent(pool, p -> new TopN<>(MAX_DELAYS_PER_POOL)).offer(d.delayNanos(), () -> d)));
        lastPool = null;
        lastPoolStats = null;
        lastWorkerStats = null;
    }

    /** Returns the longest polls kept, longest first. */
    public List<LongPollCandidate> longest() {
        return longest.descending();
    }

    /** Returns the statistics per pool, by name. */
    public Map<String, PollStats> pools() {
        return new TreeMap<>(pools);
    }

    /** Returns the statistics per worker. */
    public Map<WorkerKey, PollStats> workers() {
        return new TreeMap<>(workers);
    }
}
