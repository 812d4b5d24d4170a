package dev.taskflight.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/** Keeps the {@code capacity} items with the largest keys seen; memory is bounded by the capacity. */
public final class TopN<T> {

    private record Entry<T>(long key, long sequence, T item) {
    }

    private static final Comparator<Entry<?>> ORDER =
            Comparator.<Entry<?>>comparingLong(Entry::key).thenComparingLong(e -> -e.sequence());

    private final int capacity;
    private final PriorityQueue<Entry<T>> heap;
    private long sequence;

    /** Creates an empty top-N of at most {@code capacity} items. */
    public TopN(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        this.capacity = capacity;
        this.heap = new PriorityQueue<>(Math.min(capacity, 1024) + 1, ORDER);
    }

    /** Offers an item; {@code item} is only called when the item is kept. */
    public void offer(long key, Supplier<T> item) {
        if (capacity == 0) {
            return;
        }
        if (heap.size() == capacity) {
            if (heap.peek().key() >= key) {
                return;
            }
            heap.poll();
        }
        heap.add(new Entry<>(key, sequence++, item.get()));
    }

    /** Returns the kept items, largest key first (earliest offered first on ties). */
    public List<T> descending() {
        List<Entry<T>> entries = new ArrayList<>(heap);
        entries.sort(ORDER.reversed());
        List<T> items = new ArrayList<>(entries.size());
        for (Entry<T> e : entries) {
            items.add(e.item());
        }
        return items;
    }

    /** Returns the number of kept items. */
    public int size() {
        return heap.size();
    }
}
