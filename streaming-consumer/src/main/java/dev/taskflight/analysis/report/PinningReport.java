package dev.taskflight.analysis.report;

import java.util.List;

/**
 * Virtual threads pinned to their carriers, from {@code jdk.VirtualThreadPinned}.
 *
 * @param events pinned events read
 * @param overThreshold events at or above the pinned-carrier warning threshold
 * @param totalNanos their total duration
 * @param maxNanos the longest
 * @param where where they pinned: the first application frame (or the JDK's reason), not {@code null}
 */
public record PinningReport(long events, long overThreshold, long totalNanos, long maxNanos,
        List<FrameCount> where) {

    /** No pinning recorded. */
    public static final PinningReport NONE = new PinningReport(0, 0, 0, 0, List.of());

    /** Copies the list. */
    public PinningReport {
        where = List.copyOf(where);
    }
}
