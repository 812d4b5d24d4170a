package dev.taskflight.analysis.steal;

import dev.taskflight.analysis.internal.WorkerKey;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts steal events per stealing worker (steal events are off by default; counters are exact). */
public final class StealAggregator {

    private final Map<WorkerKey, long[]> steals = new HashMap<>();

    /** Adds a steal by a worker. */
    public void steal(String pool, int worker) {
        steals.computeIfAbsent(new WorkerKey(pool, worker), k -> new long[1])[0]++;
    }

    /** Adds what another aggregator read from another part of the same recording. */
    public void merge(StealAggregator other) {
        other.steals.forEach((k, v) -> steals.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
    }

    /** Returns the steal events per stealing worker. */
    public Map<WorkerKey, Long> byWorker() {
        Map<WorkerKey, Long> m = new TreeMap<>();
        steals.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }
}
