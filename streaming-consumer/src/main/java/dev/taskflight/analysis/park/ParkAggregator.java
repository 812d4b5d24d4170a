package dev.taskflight.analysis.park;

import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.TopN;
import dev.taskflight.analysis.internal.WorkerKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates worker parks, and keeps the longest that woke to queued work. */
public final class ParkAggregator {

    private final long minParkNanos;
    private final ThreadDirectory threads;
    private final TopN<IdleCandidate> longest;
    private final Map<WorkerKey, ParkStats> workers = new HashMap<>();
    private String lastPool;
    private int lastWorker;
    private WorkerKey lastKey;
    private ParkStats last;

    /**
     * Creates an empty aggregator.
     *
     * @param thresholds which parks count as idle with work, not {@code null}
     * @param maxEpisodes how many of the longest such parks to keep
     * @param threads the directory to teach which threads are workers, not {@code null}
     */
    public ParkAggregator(IdleWorkerFinding.Thresholds thresholds, int maxEpisodes, ThreadDirectory threads) {
        this.minParkNanos = thresholds.minPark().toNanos();
        this.longest = new TopN<>(maxEpisodes);
        this.threads = threads;
    }

    /**
     * Adds a park.
     *
     * @param pool the pool, not {@code null}
     * @param worker the worker index
     * @param durationNanos how long it parked
     * @param queuedTasks tasks waiting while it parked
     * @return whether the park woke to queued work after the idle threshold, and so is worth
     *         {@link #episode}
     */
    public boolean park(String pool, int worker, long durationNanos, long queuedTasks) {
        if (pool != lastPool || worker != lastWorker || last == null) {
            lastPool = pool;
            lastWorker = worker;
            lastKey = new WorkerKey(pool, worker);
            last = workers.computeIfAbsent(lastKey, k -> new ParkStats());
        }
        ParkStats s = last;
        s.parks++;
        s.parkNanos += durationNanos;
        if (durationNanos >= minParkNanos && queuedTasks > 0) {
            s.withWork++;
            s.withWorkNanos += durationNanos;
            s.maxQueued = Math.max(s.maxQueued, queuedTasks);
            return true;
        }
        return false;
    }

    /** Returns whether the latest park's worker thread should be read and passed to {@link #thread}. */
    public boolean wantsThread() {
        return (last.parks & 63) == 1;
    }

    /** Records which thread the worker of the latest park runs on. */
    public void thread(long threadId) {
        if (threadId != last.lastThreadId) {
            last.lastThreadId = threadId;
            threads.put(threadId, lastKey);
        }
    }

    /** Offers an idle episode to the bounded set of the longest. */
    public void episode(IdleCandidate candidate) {
        longest.offer(candidate.durationNanos(), () -> candidate);
    }

    /**
     * Adds what another aggregator read from another part of the same recording.
     *
     * @param other the other aggregator, not used afterwards, not {@code null}
     */
    public void merge(ParkAggregator other) {
        other.workers.forEach((k, v) -> workers.computeIfAbsent(k, x -> new ParkStats()).merge(v));
        other.longest.descending().forEach(this::episode);
        lastPool = null;
        last = null;
    }

    /** Returns the longest idle episodes kept, longest first. */
    public List<IdleCandidate> longest() {
        return longest.descending();
    }

    /** Returns the statistics per worker. */
    public Map<WorkerKey, ParkStats> workers() {
        return new TreeMap<>(workers);
    }
}
