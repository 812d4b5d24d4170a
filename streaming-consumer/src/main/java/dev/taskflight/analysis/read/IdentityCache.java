package dev.taskflight.analysis.read;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was computed from an object, remembered by the object's identity: the JFR parser hands out one
 * {@code RecordedThread} or {@code RecordedClass} per constant of a chunk, so a thread's id and name, or a
 * class's name, are read once per chunk instead of once per event. The last object asked is answered
 * without a lookup (a worker's events come in runs). Bounded: past {@value #MAX} objects it starts
 * again. Not thread-safe.
 *
 * @param <K> the objects, compared by identity
 * @param <V> what is computed from one
 */
public final class IdentityCache<K, V> {

    /** The most objects remembered. */
    public static final int MAX = 4096;

    private final Map<K, V> values = new IdentityHashMap<>();
    private final Function<K, V> compute;
    private K lastKey;
    private V lastValue;

    /**
     * Creates a cache.
     *
     * @param compute computes the value of an object not seen yet, not {@code null}
     */
    public IdentityCache(Function<K, V> compute) {
        this.compute = compute;
    }

    /**
     * Returns the value of an object, computed on first sight.
     *
     * @param key the object, not {@code null}
     * @return its value
     */
    public V get(K key) {
        if (key == lastKey && key != null) {
            return lastValue;
        }
        V v = values.get(key);
        if (v == null) {
            if (values.size() >= MAX) {
                values.clear();
            }
            v = compute.apply(key);
            values.put(key, v);
        }
        lastKey = key;
        lastValue = v;
        return v;
    }
}
