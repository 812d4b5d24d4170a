package dev.taskflight.cli.report;

import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.cli.timeline.DrawTimes;
import dev.taskflight.cli.visual.SchedulerEvents.CpuSample;
import dev.taskflight.cli.visual.SchedulerEvents.Listener;
import dev.taskflight.cli.visual.SchedulerEvents.Park;
import dev.taskflight.cli.visual.SchedulerEvents.Poll;
import dev.taskflight.cli.visual.SchedulerEvents.QueueState;
import dev.taskflight.cli.visual.SchedulerEvents.Stuck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the recording's scheduler events into bounded per-pool drawings. */
final class ReportCollector implements Listener {

    private final long from;
    private final long to;
    private final Set<String> pools;
    private final boolean keepAll;
    private final long minDelay;
    private final Map<String, PoolData> data = new LinkedHashMap<>();
    /** Long polls by worker thread name: CPU samples in them feed the pool's flame graph. */
    private final Map<String, List<LongPoll>> longPollsByThread = new HashMap<>();
    /** The pool of the last event, by identity: the parser hands out one string per constant of a chunk. */
    private String lastPool;
    private PoolData lastData;

    ReportCollector(long from, long to, Set<String> pools, boolean keepAll, long minDelay, List<LongPoll> longPolls) {
        this.from = from;
        this.to = to;
        this.pools = pools;
        this.keepAll = keepAll;
        this.minDelay = minDelay;
        for (LongPoll p : longPolls) {
            if (pools.contains(p.pool()) && !p.thread().isEmpty()) {
                longPollsByThread.computeIfAbsent(p.thread(), t -> new ArrayList<>()).add(p);
            }
        }
    }

    /** Adds what a collector of a later slice of the same recording collected. */
    void merge(ReportCollector later) {
        later.data.forEach((name, d) -> {
            PoolData mine = data.get(name);
            if (mine == null) {
                data.put(name, d);
            } else {
                mine.merge(d);
            }
        });
    }

    Collection<PoolData> pools() {
        return data.values();
    }

    PoolData pool(String name) {
        return data.get(name);
    }

    private PoolData data(String pool, long start, long end) {
        if (end < from || start > to) {
            return null;
        }
        if (pool == lastPool && pool != null) {
            return lastData;
        }
        PoolData d = pools.contains(pool) ? data.computeIfAbsent(pool, p -> new PoolData(p, keepAll, from, to)) : null;
        lastPool = pool;
        lastData = d;
        return d;
    }

    @Override
    public void poll(Poll p) {
        PoolData d = data(p.pool(), p.start(), p.end());
        if (d != null) {
            d.poll(p, minDelay);
        }
    }

    @Override
    public void park(Park p) {
        PoolData d = data(p.pool(), p.start(), p.start() + p.duration());
        if (d != null) {
            d.park(p);
        }
    }

    @Override
    public void queue(QueueState q) {
        PoolData d = data(q.pool(), q.time(), q.time());
        if (d != null) {
            d.queue(q);
        }
    }

    @Override
    public void stuck(Stuck s) {
        PoolData d = data(s.pool(), s.time(), s.time());
        if (d != null) {
            d.stuck(s);
        }
    }

    @Override
    public boolean wantsCpuSamples() {
        return !longPollsByThread.isEmpty();
    }

    @Override
    public void cpuSample(CpuSample s) {
        List<LongPoll> polls = longPollsByThread.get(s.thread());
        if (polls == null || s.frames().isEmpty() || s.time() < from || s.time() > to) {
            return;
        }
        for (LongPoll p : polls) {
            long start = DrawTimes.nanos(p.start());
            if (s.time() >= start && s.time() <= start + p.durationNanos()) {
                PoolData d = data(p.pool(), s.time(), s.time());
                if (d != null) {
                    d.flame.add(s.frames());
                }
                return;
            }
        }
    }
}
