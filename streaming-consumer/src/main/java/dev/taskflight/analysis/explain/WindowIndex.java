package dev.taskflight.analysis.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Finds the windows of a key (a thread, a pool) that overlap a time range. */
final class WindowIndex<K> {

    private static final class Entries {
        final Window[] windows;
        final long[] maxEndUpTo;

        Entries(List<Window> list) {
            list.sort(Comparator.comparingLong(w -> w.start));
            windows = list.toArray(new Window[0]);
            maxEndUpTo = new long[windows.length];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < windows.length; i++) {
                max = Math.max(max, windows[i].end);
                maxEndUpTo[i] = max;
            }
        }
    }

    private final Map<K, List<Window>> building = new HashMap<>();
    private Map<K, Entries> index;
    private int stamp;

    void add(K key, Window window) {
        building.computeIfAbsent(key, k -> new ArrayList<>()).add(window);
        index = null;
    }

    boolean contains(K key) {
        return building.containsKey(key);
    }

    boolean isEmpty() {
        return building.isEmpty();
    }

    /** Calls {@code action} once per window of {@code key} overlapping {@code [s, e]} (inclusive). */
    void forEach(K key, long s, long e, Consumer<Window> action) {
        if (index == null) {
            index = new HashMap<>();
            building.forEach((k, list) -> index.put(k, new Entries(new ArrayList<>(list))));
        }
        Entries entries = index.get(key);
        if (entries == null) {
            return;
        }
        Window[] w = entries.windows;
        int lo = 0;
        int hi = w.length - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (w[mid].start <= e) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        stamp++;
        for (int i = last; i >= 0 && entries.maxEndUpTo[i] >= s; i--) {
            if (w[i].end >= s && w[i].stamp != stamp) {
                w[i].stamp = stamp;
                action.accept(w[i]);
            }
        }
    }
}
