package dev.taskflight.agent.internal;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A small map from objects, compared by identity and held weakly, to values: never keeps an
 * application's pool alive and never calls its {@code equals} or {@code hashCode}. Reads scan a
 * copy-on-write array without locking; writes lock. Meant for a handful to a few hundred keys.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WeakIdentityMap<K, V> {

    private static final class Entry<K, V> extends WeakReference<K> {
        final V value;

        Entry(K key, V value) {
            super(key);
            this.value = value;
        }
    }

    @SuppressWarnings("unchecked")
    private volatile Entry<K, V>[] entries = new Entry[0];

    /**
     * Returns the value of a key.
     *
     * @param key the key
     * @return its value, or {@code null}
     */
    public V get(K key) {
        for (Entry<K, V> e : entries) {
            if (e.get() == key) {
                return e.value;
            }
        }
        return null;
    }

    /**
     * Returns the value of a key, computing and storing it if absent. The function runs under the
     * map's lock and must not use the map.
     *
     * @param key the key, not {@code null}
     * @param compute computes the value, which must not be {@code null}
     * @return the value now stored for the key
     */
    public synchronized V computeIfAbsent(K key, Function<K, V> compute) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        V value = compute.apply(key);
        Entry<K, V>[] live = Arrays.stream(entries).filter(e -> e.get() != null).toArray(this::newArray);
        Entry<K, V>[] grown = Arrays.copyOf(live, live.length + 1);
        grown[live.length] = new Entry<>(key, value);
        entries = grown;
        return value;
    }

    /**
     * Removes a key.
     *
     * @param key the key
     */
    public synchronized void remove(K key) {
        entries = Arrays.stream(entries).filter(e -> e.get() != null && e.get() != key).toArray(this::newArray);
    }

    @SuppressWarnings("unchecked")
    private Entry<K, V>[] newArray(int size) {
        return new Entry[size];
    }
}
