package dev.taskflight.analysis.poll;

import dev.taskflight.analysis.internal.Histograms;
import dev.taskflight.analysis.report.DelayReport;
import org.HdrHistogram.IntCountsHistogram;

/** Poll statistics of one pool or one worker, from the poll events seen. */
public final class PollStats {

    long events;
    long maxNanos;
    long totalNanos;
    long longPolls;
    long criticalLongPolls;
    long lastThreadId = Long.MIN_VALUE;
    /** A worker's latest sampled delay not yet matched by a poll event, {@link Long#MIN_VALUE} if none. */
    long sampledDelay = Long.MIN_VALUE;
    private IntCountsHistogram delays;

    /** Adds one poll; {@code delayNanos} is {@link Long#MIN_VALUE} when not measured. */
    public void add(long durationNanos, long delayNanos) {
        events++;
        totalNanos += durationNanos;
        if (durationNanos > maxNanos) {
            maxNanos = durationNanos;
        }
        if (delayNanos != Long.MIN_VALUE && delayNanos >= 0) {
            if (delays == null) {
                delays = Histograms.newNanosHistogram();
            }
            Histograms.record(delays, delayNanos);
        }
    }

    /** Adds another part's statistics of the same pool or worker. */
    void merge(PollStats other) {
        events += other.events;
        maxNanos = Math.max(maxNanos, other.maxNanos);
        totalNanos += other.totalNanos;
        longPolls += other.longPolls;
        criticalLongPolls += other.criticalLongPolls;
        if (other.delays != null) {
            if (delays == null) {
                delays = Histograms.newNanosHistogram();
            }
            delays.add(other.delays);
        }
    }

    /** Adds a sampled scheduling delay ({@code taskflight.SchedulingDelaySample}). */
    void addDelay(long delayNanos) {
        if (delayNanos >= 0) {
            if (delays == null) {
                delays = Histograms.newNanosHistogram();
            }
            Histograms.record(delays, delayNanos);
        }
    }

    /** Returns the poll events seen. */
    public long events() {
        return events;
    }

    /** Returns the longest poll seen. */
    public long maxNanos() {
        return maxNanos;
    }

    /** Returns the total duration of the polls seen. */
    public long totalNanos() {
        return totalNanos;
    }

    /** Returns the polls at or above the warning threshold. */
    public long longPolls() {
        return longPolls;
    }

    /** Returns the polls at or above the critical threshold. */
    public long criticalLongPolls() {
        return criticalLongPolls;
    }

    /** Returns the scheduling-delay percentiles. */
    public DelayReport delay() {
        if (delays == null || delays.getTotalCount() == 0) {
            return DelayReport.EMPTY;
        }
        return new DelayReport(delays.getTotalCount(), delays.getValueAtPercentile(50),
                delays.getValueAtPercentile(90), delays.getValueAtPercentile(99), delays.getValueAtPercentile(99.9),
                delays.getMaxValue(), Math.round(delays.getMean()));
    }
}
