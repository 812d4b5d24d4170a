package dev.taskflight.cli.report;

import dev.taskflight.cli.visual.SchedulerEvents.Park;
import dev.taskflight.cli.visual.SchedulerEvents.Poll;
import dev.taskflight.cli.visual.SchedulerEvents.QueueState;
import dev.taskflight.cli.visual.SchedulerEvents.Stuck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What the report draws of one pool, bounded whatever the recording's size: every poll and park when
 * there are few, otherwise the longest of them plus each worker's busy time in fixed time buckets.
 */
final class PoolData {

    static final int BUCKETS = 600;
    static final int MAX_KEPT_WHEN_AGGREGATED = 5_000;
    static final int MAX_LONG_DELAYS = 100;
    static final int MAX_STUCK = 1_000;
    static final int DELAY_BINS = 40;

    /** A poll kept for drawing. */
    record KeptPoll(int worker, long start, long duration, long delay, int task, boolean stolen, String virtual) {
    }

    /** A park kept for drawing. */
    record KeptPark(int worker, long start, long duration, long queued) {
    }

    final String name;
    final boolean keepAll;
    final long from;
    final long bucketNanos;
    final TreeMap<Integer, String> workers = new TreeMap<>();
    final Map<Integer, double[]> busy = new HashMap<>();
    final List<String> tasks = new ArrayList<>();
    private final Map<String, Integer> taskIndex = new HashMap<>();
    final PriorityQueue<KeptPoll> polls = new PriorityQueue<>(Comparator.comparingLong(KeptPoll::duration));
    final PriorityQueue<KeptPark> parks = new PriorityQueue<>(Comparator.comparingLong(KeptPark::duration));
    final PriorityQueue<KeptPoll> longDelays = new PriorityQueue<>(Comparator.comparingLong(KeptPoll::delay));
    final List<Stuck> stuck = new ArrayList<>();
    final long[] delayBins = new long[DELAY_BINS];
    final long[] queueMax = new long[BUCKETS];
    final int[] activeMax = new int[BUCKETS];
    final boolean[] sampled = new boolean[BUCKETS];
    long pollsSeen;
    long parksSeen;
    long pollsDropped;
    long parksDropped;
    final FlameTree flame = new FlameTree();

    PoolData(String name, boolean keepAll, long from, long to) {
        this.name = name;
        this.keepAll = keepAll;
        this.from = from;
        this.bucketNanos = Math.max(1, (to - from + BUCKETS - 1) / BUCKETS);
    }

    void poll(Poll p, long minDelay) {
        pollsSeen++;
        worker(p.worker(), p.thread());
        spread(busy.computeIfAbsent(p.worker(), w -> new double[BUCKETS]), p.start(), p.end());
        KeptPoll k = new KeptPoll(p.worker(), p.start(), p.duration(), p.delay(), task(p.task()), p.stolen(),
                p.virtualThread());
        if (keepAll) {
            polls.add(k);
        } else if (offer(polls, k, MAX_KEPT_WHEN_AGGREGATED, Comparator.comparingLong(KeptPoll::duration))) {
            pollsDropped++;
        }
        if (p.delay() >= 0) {
            delayBins[Math.min(DELAY_BINS - 1, 64 - Long.numberOfLeadingZeros(p.delay()))]++;
            if (p.delay() >= minDelay) {
                offer(longDelays, k, MAX_LONG_DELAYS, Comparator.comparingLong(KeptPoll::delay));
            }
        }
    }

    void park(Park p) {
        parksSeen++;
        worker(p.worker(), p.thread());
        KeptPark k = new KeptPark(p.worker(), p.start(), p.duration(), p.queued());
        if (keepAll) {
            parks.add(k);
        } else if (offer(parks, k, MAX_KEPT_WHEN_AGGREGATED, Comparator.comparingLong(KeptPark::duration))) {
            parksDropped++;
        }
    }

    void queue(QueueState q) {
        int b = bucket(q.time());
        sampled[b] = true;
        queueMax[b] = Math.max(queueMax[b], q.queued());
        activeMax[b] = Math.max(activeMax[b], q.active());
    }

    void stuck(Stuck s) {
        if (stuck.size() < MAX_STUCK) {
            worker(s.worker(), null);
            stuck.add(s);
        }
    }

    int task(String task) {
        return taskIndex.computeIfAbsent(task, t -> {
            tasks.add(t);
            return tasks.size() - 1;
        });
    }

    private void worker(int worker, String thread) {
        String known = workers.get(worker);
        if (known == null || known.isEmpty() && thread != null && !thread.isEmpty()) {
            workers.put(worker, thread == null ? "" : thread);
        }
    }

    int bucket(long time) {
        return (int) Math.max(0, Math.min(BUCKETS - 1, (time - from) / bucketNanos));
    }

    /** Adds a busy period to the buckets it covers, in nanoseconds. */
    private void spread(double[] buckets, long start, long end) {
        long a = Math.max(start, from);
        long last = from + bucketNanos * BUCKETS;
        long b = Math.min(end, last);
        while (a < b) {
            int i = bucket(a);
            long bucketEnd = from + (i + 1) * bucketNanos;
            long upTo = Math.min(b, bucketEnd);
            buckets[i] += upTo - a;
            a = upTo;
        }
    }

    /** Keeps the {@code max} largest; returns whether something was dropped. */
    private static <T> boolean offer(PriorityQueue<T> heap, T item, int max, Comparator<T> order) {
        if (heap.size() < max) {
            heap.add(item);
            return false;
        }
        if (order.compare(item, heap.peek()) > 0) {
            heap.poll();
            heap.add(item);
        }
        return true;
    }
}
