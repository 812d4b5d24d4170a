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
    private int lastBusyWorker;
    private int lastWorker;
    private String lastThread;
    private double[] lastBusy;

    PoolData(String name, boolean keepAll, long from, long to) {
        this.name = name;
        this.keepAll = keepAll;
        this.from = from;
        this.bucketNanos = Math.max(1, (to - from + BUCKETS - 1) / BUCKETS);
    }

    /**
     * Counts a poll into its worker's busy time and the delay distribution, and keeps it when it is
     * among the longest or the longest-delayed so far. Most polls of a large recording are neither:
     * they cost no allocation.
     */
    void poll(Poll p, long minDelay) {
        pollsSeen++;
        worker(p.worker(), p.thread());
        spread(busy(p.worker()), p.start(), p.end());
        boolean full = !keepAll && polls.size() >= MAX_KEPT_WHEN_AGGREGATED;
        boolean keep = !full || p.duration() > polls.peek().duration();
        long delay = p.delay();
        boolean longDelay = delay >= 0 && delay >= minDelay
                && (longDelays.size() < MAX_LONG_DELAYS || delay > longDelays.peek().delay());
        if (delay >= 0) {
            delayBins[Math.min(DELAY_BINS - 1, 64 - Long.numberOfLeadingZeros(delay))]++;
        }
        if (keep || longDelay) {
            KeptPoll k = new KeptPoll(p.worker(), p.start(), p.duration(), delay, task(p.task()), p.stolen(),
                    p.virtualThread());
            if (keep) {
                if (full) {
                    polls.poll();
                }
                polls.add(k);
            }
            if (longDelay) {
                if (longDelays.size() >= MAX_LONG_DELAYS) {
                    longDelays.poll();
                }
                longDelays.add(k);
            }
        }
        if (full) {
            pollsDropped++;
        }
    }

    /**
     * Adds what another slice of the recording collected for this pool: the sums, the maxima, and the
     * polls and parks it kept, within this pool's bounds.
     */
    void merge(PoolData o) {
        o.workers.forEach((w, t) -> worker(w, t));
        o.busy.forEach((w, b) -> {
            double[] mine = busy(w);
            for (int i = 0; i < BUCKETS; i++) {
                mine[i] += b[i];
            }
        });
        pollsSeen += o.pollsSeen;
        parksSeen += o.parksSeen;
        pollsDropped += o.pollsDropped;
        parksDropped += o.parksDropped;
        for (KeptPoll k : o.polls) {
            KeptPoll mine = new KeptPoll(k.worker(), k.start(), k.duration(), k.delay(), task(o.tasks.get(k.task())),
                    k.stolen(), k.virtual());
            if (keepAll) {
                polls.add(mine);
            } else if (offer(polls, mine, MAX_KEPT_WHEN_AGGREGATED, Comparator.comparingLong(KeptPoll::duration))) {
                pollsDropped++;
            }
        }
        for (KeptPoll k : o.longDelays) {
            offer(longDelays, new KeptPoll(k.worker(), k.start(), k.duration(), k.delay(), task(o.tasks.get(k.task())),
                    k.stolen(), k.virtual()), MAX_LONG_DELAYS, Comparator.comparingLong(KeptPoll::delay));
        }
        for (KeptPark k : o.parks) {
            if (keepAll) {
                parks.add(k);
            } else if (offer(parks, k, MAX_KEPT_WHEN_AGGREGATED, Comparator.comparingLong(KeptPark::duration))) {
                parksDropped++;
            }
        }
        for (Stuck s : o.stuck) {
            stuck(s);
        }
        for (int i = 0; i < DELAY_BINS; i++) {
            delayBins[i] += o.delayBins[i];
        }
        for (int i = 0; i < BUCKETS; i++) {
            queueMax[i] = Math.max(queueMax[i], o.queueMax[i]);
            activeMax[i] = Math.max(activeMax[i], o.activeMax[i]);
            sampled[i] |= o.sampled[i];
        }
        flame.merge(o.flame);
    }

    private double[] busy(int worker) {
        if (worker != lastBusyWorker || lastBusy == null) {
            lastBusyWorker = worker;
            lastBusy = busy.computeIfAbsent(worker, w -> new double[BUCKETS]);
        }
        return lastBusy;
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
        if (worker == lastWorker && lastThread != null && (lastThread == thread || lastThread.equals(thread))) {
            return;
        }
        String known = workers.get(worker);
        if (known == null || known.isEmpty() && thread != null && !thread.isEmpty()) {
            workers.put(worker, thread == null ? "" : thread);
        }
        lastWorker = worker;
        lastThread = thread;
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
