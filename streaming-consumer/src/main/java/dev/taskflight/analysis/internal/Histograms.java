package dev.taskflight.analysis.internal;

import org.HdrHistogram.IntCountsHistogram;

/** Bounded-memory latency histograms in nanoseconds (1 ns to 1 hour, 2 significant digits). */
public final class Histograms {

    /** The largest value a histogram tracks; larger values are clamped to it. */
    public static final long MAX_TRACKABLE_NANOS = 3_600_000_000_000L;

    private Histograms() {
    }

    /** Returns a new, empty histogram. */
    public static IntCountsHistogram newNanosHistogram() {
        return new IntCountsHistogram(MAX_TRACKABLE_NANOS, 2);
    }

    /** Records a value, clamped to the trackable range. */
    public static void record(IntCountsHistogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, MAX_TRACKABLE_NANOS)));
    }
}
