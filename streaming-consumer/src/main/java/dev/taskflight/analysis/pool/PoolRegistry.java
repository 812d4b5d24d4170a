package dev.taskflight.analysis.pool;

import java.util.Map;
import java.util.TreeMap;

/** The identity of every pool, from {@code PoolInfo} and {@code QueueSample} events. */
public final class PoolRegistry {

    /**
     * What a pool is.
     *
     * @param kind the pool kind, {@code ""} if unknown
     * @param parallelism the target number of workers, -1 if unknown
     * @param instrumentation how its events are produced, {@code ""} if unknown
     * @param taskflightVersion the recorder's version, {@code ""} if unknown
     */
    public record Identity(String kind, int parallelism, String instrumentation, String taskflightVersion) {
        static final Identity UNKNOWN = new Identity("", -1, "", "");
    }

    private final Map<String, Identity> pools = new TreeMap<>();

    /** Records a {@code PoolInfo}: the latest one wins. */
    public void info(String pool, String kind, int parallelism, String instrumentation, String version) {
        pools.put(pool, new Identity(orEmpty(kind), parallelism, orEmpty(instrumentation), orEmpty(version)));
    }

    /** Records the kind and parallelism a {@code QueueSample} states, unless a {@code PoolInfo} did. */
    public void sampled(String pool, String kind, int parallelism) {
        Identity known = pools.get(pool);
        if (known == null) {
            pools.put(pool, new Identity(orEmpty(kind), parallelism, "", ""));
        } else if (known.kind().isEmpty() && kind != null) {
            pools.put(pool, new Identity(kind, parallelism, known.instrumentation(), known.taskflightVersion()));
        }
    }

    /** Adds what another registry read from a later part of the same recording: its pool infos win. */
    public void merge(PoolRegistry later) {
        later.pools.forEach((pool, id) -> {
            if (!id.instrumentation().isEmpty()) {
                pools.put(pool, id);
            } else {
                sampled(pool, id.kind().isEmpty() ? null : id.kind(), id.parallelism());
            }
        });
    }

    /** Returns what is known of a pool. */
    public Identity get(String pool) {
        return pools.getOrDefault(pool, Identity.UNKNOWN);
    }

    /** Returns the names of the pools known here. */
    public Iterable<String> names() {
        return pools.keySet();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
