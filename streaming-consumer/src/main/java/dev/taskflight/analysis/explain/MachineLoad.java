package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.report.CauseKind;
import java.util.Arrays;
import java.util.List;

/**
 * The machine's CPU use over time, from {@code jdk.CPULoad} (one event a second in the JDK's default
 * and profile settings, each covering the time since the one before), collected during the second
 * pass and then charged to the long polls: the part of a poll that no CPU sample and no JDK event
 * explains, and that fell where the machine's CPU was at {@link CauseKind#SATURATED_PERCENT}% or more,
 * is {@link CauseKind#CPU_SATURATED}. Bounded by {@link #MAX}.
 */
final class MachineLoad {

    /** Readings kept; later ones are ignored (over eleven days at one a second). */
    static final int MAX = 1_000_000;
    /** The time the first reading covers, before it: the JDK's period for {@code jdk.CPULoad}. */
    static final long FIRST_SPAN_NANOS = 1_000_000_000L;
    /** The longest time a reading covers, back to the one before: a reading after a gap covers no more. */
    static final long MAX_SPAN_NANOS = 60_000_000_000L;

    private static final double SATURATED = CauseKind.SATURATED_PERCENT / 100.0;

    private long[] times = new long[64];
    private double[] loads = new double[64];
    private int size;

    /** Adds a reading: the machine's CPU use, from 0 to 1, over the time before {@code time}. */
    void add(long time, double machineTotal) {
        if (size == MAX) {
            return;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            loads = Arrays.copyOf(loads, size * 2);
        }
        times[size] = time;
        loads[size] = machineTotal;
        size++;
    }

    /**
     * Charges the saturated time to the windows it overlaps, as time that nothing else explains.
     *
     * @param windows the long polls' windows, with every sample and event already counted
     * @param samplePeriodNanos what an execution sample counts for
     */
    void charge(List<Window> windows, long samplePeriodNanos) {
        if (size == 0 || windows.isEmpty()) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        long[] starts = new long[size];
        long[] ends = new long[size];
        int n = 0;
        long previous = Long.MIN_VALUE;
        for (int i : order) {
            long t = times[i];
            long start = previous == Long.MIN_VALUE ? t - FIRST_SPAN_NANOS : Math.max(previous, t - MAX_SPAN_NANOS);
            previous = t;
            if (loads[i] < SATURATED || t <= start) {
                continue;
            }
            if (n > 0 && start <= ends[n - 1]) {
                ends[n - 1] = Math.max(ends[n - 1], t);
            } else {
                starts[n] = start;
                ends[n] = t;
                n++;
            }
        }
        for (Window w : windows) {
            long saturated = 0;
            for (int j = JvmPauses.firstEndingAfter(ends, n, w.start); j < n && starts[j] < w.end; j++) {
                saturated += w.overlap(starts[j], ends[j]);
            }
            if (saturated > 0) {
                w.saturated(saturated, samplePeriodNanos);
            }
        }
    }
}
