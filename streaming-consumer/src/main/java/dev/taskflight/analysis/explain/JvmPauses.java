package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.report.CauseKind;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM's stop-the-world pauses (GC pauses, safepoints), collected during the second pass and
 * then charged to every long poll they overlap: they stop every Java thread, so they carry no thread.
 * Overlapping pauses (a GC pause is also a safepoint) are merged first. Bounded by {@link #MAX}.
 */
final class JvmPauses {

    /** Pauses kept; later ones are ignored. */
    static final int MAX = 200_000;
    /** The subject of a GC pause. */
    static final String GC = "GC pause";
    /** The subject of a safepoint that is not a GC pause. */
    static final String SAFEPOINT = "safepoint";

    private long[] starts = new long[64];
    private long[] ends = new long[64];
    /** A pause from {@code jdk.GCPhasePause}. */
    static final byte GC_PHASE = 0;
    /** A collection from {@code jdk.GarbageCollection}, used only without {@code jdk.GCPhasePause} events. */
    static final byte GC_COLLECTION = 1;
    /** A safepoint from {@code jdk.SafepointBegin}. */
    static final byte SAFEPOINT_BEGIN = 2;

    private byte[] sources = new byte[64];
    private int size;
    private boolean sawPhasePauses;

    /** Adds a pause from one of the sources above. */
    void add(long start, long end, byte source) {
        if (size == MAX || end <= start) {
            return;
        }
        sawPhasePauses |= source == GC_PHASE;
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            sources = Arrays.copyOf(sources, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        sources[size] = source;
        size++;
    }

    /** Charges the merged pauses to the windows they overlap. */
    void charge(List<Window> windows) {
        if (size == 0 || windows.isEmpty()) {
            return;
        }
        Integer[] order = new Integer[size];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!(sawPhasePauses && sources[i] == GC_COLLECTION)) {
                order[kept++] = i;
            }
        }
        Arrays.sort(order, 0, kept, (a, b) -> Long.compare(starts[a], starts[b]));
        long[] ms = new long[kept];
        long[] me = new long[kept];
        boolean[] mg = new boolean[kept];
        int n = 0;
        for (int k = 0; k < kept; k++) {
            int i = order[k];
            boolean gc = sources[i] != SAFEPOINT_BEGIN;
            if (n > 0 && starts[i] <= me[n - 1]) {
                me[n - 1] = Math.max(me[n - 1], ends[i]);
                mg[n - 1] |= gc;
            } else {
                ms[n] = starts[i];
                me[n] = ends[i];
                mg[n] = gc;
                n++;
            }
        }
        for (Window w : windows) {
            int lo = firstEndingAfter(me, n, w.start);
            for (int j = lo; j < n && ms[j] < w.end; j++) {
                long overlap = w.overlap(ms[j], me[j]);
                if (overlap > 0) {
                    w.blocked(CauseKind.JVM_PAUSE, mg[j] ? GC : SAFEPOINT, "", overlap);
                }
            }
        }
    }

    /** The first of {@code n} intervals, sorted and apart, that ends after {@code time}: a binary search. */
    static int firstEndingAfter(long[] ends, int n, long time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
