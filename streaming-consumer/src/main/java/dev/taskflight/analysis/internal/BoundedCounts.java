package dev.taskflight.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and sums per key for at most {@code capacity} distinct keys; further keys are folded into
 * an "other" bucket, so memory is bounded however many keys a recording holds.
 */
public final class BoundedCounts<K> {

    /** A key with its count and summed amount (such as nanoseconds). */
    public record Item<K>(K key, long count, long amount) {
    }

    private final int capacity;
    private final Map<K, long[]> counts = new HashMap<>();
    private long otherCount;
    private long otherAmount;

    /** Creates an empty counter of at most {@code capacity} distinct keys. */
    public BoundedCounts(int capacity) {
        this.capacity = capacity;
    }

    /** Adds one occurrence of a key, with an amount. */
    public void add(K key, long amount) {
        long[] c = counts.get(key);
        if (c == null) {
            if (counts.size() >= capacity) {
                otherCount++;
                otherAmount += amount;
                return;
            }
            c = new long[2];
            counts.put(key, c);
        }
        c[0]++;
        c[1] += amount;
    }

    /** Returns the {@code n} keys with the largest counts (then amounts), largest first. */
    public List<Item<K>> top(int n) {
        return top(n, false);
    }

    /** Returns the {@code n} keys with the largest amounts (then counts), largest first. */
    public List<Item<K>> topByAmount(int n) {
        return top(n, true);
    }

    private List<Item<K>> top(int n, boolean byAmount) {
        List<Item<K>> items = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> items.add(new Item<>(k, c[0], c[1])));
        Comparator<Item<K>> order = byAmount
                ? Comparator.<Item<K>>comparingLong(Item::amount).thenComparingLong(Item::count)
                : Comparator.<Item<K>>comparingLong(Item::count).thenComparingLong(Item::amount);
        items.sort(order.reversed().thenComparing(i -> String.valueOf(i.key())));
        return items.size() > n ? new ArrayList<>(items.subList(0, n)) : items;
    }

    /** Returns the occurrences folded into the "other" bucket. */
    public long otherCount() {
        return otherCount;
    }

    /** Returns the total number of occurrences. */
    public long total() {
        long t = otherCount;
        for (long[] c : counts.values()) {
            t += c[0];
        }
        return t;
    }

    /** Returns the total amount, the "other" bucket's included. */
    public long totalAmount() {
        long t = otherAmount;
        for (long[] c : counts.values()) {
            t += c[1];
        }
        return t;
    }

    /** Returns whether nothing was counted. */
    public boolean isEmpty() {
        return counts.isEmpty() && otherCount == 0;
    }

    /** Returns the amount folded into the "other" bucket. */
    public long otherAmount() {
        return otherAmount;
    }
}
