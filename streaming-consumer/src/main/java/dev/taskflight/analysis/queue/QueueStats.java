package dev.taskflight.analysis.queue;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.report.QueueReport;

/** The queue samples of one pool, reduced to sums, extremes and first and last counter values. */
final class QueueStats {

    private long samples;
    private long sumQueued;
    private long maxQueued = -1;
    private long maxAt;
    private long samplesOver;
    private long firstOver = Long.MAX_VALUE;
    private long lastOver = Long.MIN_VALUE;
    private long sumActive;
    private int maxPoolSize = -1;
    private final long[] steals = {Long.MAX_VALUE, -1, Long.MIN_VALUE, -1};
    private final long[] completed = {Long.MAX_VALUE, -1, Long.MIN_VALUE, -1};

    void add(long time, long queued, int active, int poolSize, long stealCount, long completedCount, long warning) {
        samples++;
        sumQueued += queued;
        if (queued > maxQueued) {
            maxQueued = queued;
            maxAt = time;
        }
        if (queued >= warning) {
            samplesOver++;
            firstOver = Math.min(firstOver, time);
            lastOver = Math.max(lastOver, time);
        }
        sumActive += Math.max(0, active);
        maxPoolSize = Math.max(maxPoolSize, poolSize);
        counter(steals, time, stealCount);
        counter(completed, time, completedCount);
    }

    void merge(QueueStats o) {
        samples += o.samples;
        sumQueued += o.sumQueued;
        if (o.maxQueued > maxQueued) {
            maxQueued = o.maxQueued;
            maxAt = o.maxAt;
        }
        samplesOver += o.samplesOver;
        firstOver = Math.min(firstOver, o.firstOver);
        lastOver = Math.max(lastOver, o.lastOver);
        sumActive += o.sumActive;
        maxPoolSize = Math.max(maxPoolSize, o.maxPoolSize);
        merge(steals, o.steals);
        merge(completed, o.completed);
    }

    private static void merge(long[] c, long[] o) {
        if (o[1] >= 0) {
            counter(c, o[0], o[1]);
            counter(c, o[2], o[3]);
        }
    }

    /** Keeps the value of the earliest and of the latest sample: {firstTime, first, lastTime, last}. */
    private static void counter(long[] c, long time, long value) {
        if (value < 0) {
            return;
        }
        if (time < c[0]) {
            c[0] = time;
            c[1] = value;
        }
        if (time >= c[2]) {
            c[2] = time;
            c[3] = value;
        }
    }

    private static long delta(long[] c) {
        return c[1] < 0 ? -1 : Math.max(0, c[3] - c[1]);
    }

    QueueReport report() {
        return new QueueReport(samples, Math.max(0, maxQueued), samples == 0 ? null : Fields.instant(maxAt),
                samples == 0 ? 0 : (double) sumQueued / samples, samplesOver,
                samplesOver == 0 ? null : Fields.instant(firstOver), samplesOver == 0 ? null : Fields.instant(lastOver),
                samples == 0 ? 0 : (double) sumActive / samples, maxPoolSize, delta(steals), delta(completed));
    }
}
