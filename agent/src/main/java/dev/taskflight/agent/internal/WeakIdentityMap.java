package dev.taskflight.agent.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small map from objects, compared by identity and held weakly, to values: never keeps an
 * application's pool alive and never calls its {@code equals} or {@code hashCode}. Lock-free: reads
 * scan a copy-on-write array; writes publish a new array with a compare-and-set, and a value is
 * computed outside any lock by the one thread whose entry won. Meant for a handful to a few hundred
 * keys, read on every hook and written once per key.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WeakIdentityMap<K, V> {

    private static final VarHandle ENTRIES;

    static {
        try {
            ENTRIES = MethodHandles.lookup().findVarHandle(WeakIdentityMap.class, "entries", Entry[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A key and its value; the value is {@code null} while its first caller computes it. */
    private static final class Entry<K, V> extends WeakReference<K> {
        volatile V value;

        Entry(K key) {
            super(key);
        }
    }

    @SuppressWarnings("unchecked")
    private volatile Entry<K, V>[] entries = new Entry[0];

    /**
     * Returns the value of a key.
     *
     * @param key the key
     * @return its value, or {@code null} if absent or still being computed
     */
    public V get(K key) {
        for (Entry<K, V> e : entries) {
            if (e.get() == key) {
                return e.value;
            }
        }
        return null;
    }

    /** How long {@link #computeIfAbsent(Object, Function)} waits for another thread computing the same key. */
    public static final long DEFAULT_WAIT_NANOS = 100_000_000L;

    /**
     * Returns the value of a key, computing and storing it if absent, without a lock: the first
     * caller for a key computes its value; a caller that finds the value being computed by another
     * thread spins for it, at most {@link #DEFAULT_WAIT_NANOS}.
     *
     * @param key the key, not {@code null}
     * @param compute computes the value, which must not be {@code null}; may use the map
     * @return the value now stored for the key, or {@code null} if another thread still computes it
     */
    public V computeIfAbsent(K key, Function<K, V> compute) {
        return computeIfAbsent(key, compute, DEFAULT_WAIT_NANOS);
    }

    /**
     * As {@link #computeIfAbsent(Object, Function)}, but a caller that finds the key's value being
     * computed by another thread spins for it, at most {@code maxWaitNanos}: only callers of the
     * same key ever wait, and never on a lock. For values that take microseconds to compute.
     *
     * @param key the key, not {@code null}
     * @param compute computes the value, which must not be {@code null}; may use the map
     * @param maxWaitNanos how long to wait for another thread's computation, 0 for not at all
     * @return the value now stored for the key, or {@code null} if another thread still computes it
     */
    public V computeIfAbsent(K key, Function<K, V> compute, long maxWaitNanos) {
        Entry<K, V> mine = new Entry<>(key);
        for (;;) {
            Entry<K, V>[] current = entries;
            for (Entry<K, V> e : current) {
                if (e.get() == key) {
                    return awaitValue(e, maxWaitNanos);
                }
            }
            if (ENTRIES.compareAndSet(this, current, grown(current, mine))) {
                break;
            }
        }
        try {
            V value = compute.apply(key);
            mine.value = value;
            return value;
        } catch (RuntimeException | Error e) {
            removeEntry(mine);
            throw e;
        }
    }

    /**
     * Stores a value for a key that has none, without a lock and without waiting: a key whose value
     * another thread is computing keeps that one.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     */
    public void putIfAbsent(K key, V value) {
        computeIfAbsent(key, new Constant<>(value), 0);
    }

    /** A value for {@link #putIfAbsent}: a class, since a lambda would be linked on an application thread. */
    private static final class Constant<K, V> implements Function<K, V> {
        private final V value;

        Constant(V value) {
            this.value = value;
        }

        @Override
        public V apply(K key) {
            return value;
        }
    }

    private static <K, V> V awaitValue(Entry<K, V> entry, long maxWaitNanos) {
        V value = entry.value;
        if (value != null || maxWaitNanos <= 0) {
            return value;
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        for (int spins = 0; (value = entry.value) == null && System.nanoTime() - deadline < 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return value;
    }

    /**
     * Removes a key.
     *
     * @param key the key
     */
    public void remove(K key) {
        for (;;) {
            Entry<K, V>[] current = entries;
            Entry<K, V>[] kept = without(current, key, null);
            if (kept.length == current.length || ENTRIES.compareAndSet(this, current, kept)) {
                return;
            }
        }
    }

    private void removeEntry(Entry<K, V> entry) {
        for (;;) {
            Entry<K, V>[] current = entries;
            if (ENTRIES.compareAndSet(this, current, without(current, null, entry))) {
                return;
            }
        }
    }

    private Entry<K, V>[] grown(Entry<K, V>[] current, Entry<K, V> added) {
        Entry<K, V>[] live = without(current, null, null);
        Entry<K, V>[] result = java.util.Arrays.copyOf(live, live.length + 1);
        result[live.length] = added;
        return result;
    }

    /**
     * The entries whose keys are alive, but for the key {@code dropKey} and the entry {@code dropEntry}
     * ({@code null}: none). No lambda: these run on a pool's first worker and when a key is collected, on
     * application threads, where linking one would spin a class.
     */
    @SuppressWarnings("unchecked")
    private Entry<K, V>[] without(Entry<K, V>[] current, K dropKey, Entry<K, V> dropEntry) {
        List<Entry<K, V>> kept = new ArrayList<>(current.length);
        for (Entry<K, V> e : current) {
            Object key = e.get();
            if (key != null && key != dropKey && e != dropEntry) {
                kept.add(e);
            }
        }
        return kept.toArray(new Entry[0]);
    }
}
