package dev.taskflight.analysis.jdk;

import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.PinningReport;
import java.util.ArrayList;
import java.util.List;

/** Aggregates virtual-thread pinning: counts, durations, and where it happened. Bounded. */
public final class PinningAggregator {

    private final long warningNanos;
    private long events;
    private long over;
    private long total;
    private long max;
    private final BoundedCounts<String> where = new BoundedCounts<>(256);

    /** Creates an aggregator counting pinnings at or above the warning threshold. */
    public PinningAggregator(PinnedCarrierFinding.Thresholds thresholds) {
        this.warningNanos = thresholds.warning().toNanos();
    }

    /** Adds a pinning of {@code nanos} at {@code location} (a frame or a reason; {@code null} if unknown). */
    public void pinned(long nanos, String location) {
        events++;
        if (nanos >= warningNanos) {
            over++;
            total += nanos;
            max = Math.max(max, nanos);
            where.add(location == null ? "" : location, nanos);
        }
    }

    /** Returns the report. */
    public PinningReport report() {
        List<FrameCount> list = new ArrayList<>();
        for (BoundedCounts.Item<String> i : where.top(5)) {
            list.add(new FrameCount(i.key(), i.count()));
        }
        return new PinningReport(events, over, total, max, list);
    }
}
