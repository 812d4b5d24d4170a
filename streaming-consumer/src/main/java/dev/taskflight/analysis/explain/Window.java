package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.report.CauseKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A period of interest: a long poll (its pool's breakdown, and for the longest, its own explanation),
 * an idle park, or a long scheduling delay, with what was recorded during it.
 */
class Window {

    final long start;
    final long end;
    /** The poll's own explanation, for the longest polls only; else {@code null}. */
    final CauseAccumulator causes;
    /** The pool's breakdown, for long polls; else {@code null}. */
    final PoolCauses pool;
    long earliestQueued = Long.MAX_VALUE;
    long maxQueued = -1;
    int stamp;
    private List<PoolCauses.Entry> seen;
    /** For delays: the task classes whose polls overlapped the wait, by overlap; else {@code null}. */
    BoundedCounts<String> holders;
    /** For delays: the code sites sampled on the pool's workers during the wait; else {@code null}. */
    BoundedCounts<String> sites;
    long idleNanos;
    // what the samples and events counted so far explain of this window, for {@link #saturated},
    // {@link #unsampledCpu} and {@link #offCpu}
    private long executionSamples;
    private long cpuNanos;
    private long blockedNanos;
    /** What {@link #saturated}, {@link #unsampledCpu} and {@link #offCpu} charged. */
    private long contextNanos;
    /** How much of this window the thread's CPU clock covers ({@code PollCpuTime}), and its CPU time in it. */
    private long clockedNanos;
    private long clockedCpuNanos;

    Window(long start, long end, CauseAccumulator causes, PoolCauses pool) {
        this.start = start;
        this.end = end;
        this.causes = causes;
        this.pool = pool;
    }

    /** Returns how long {@code [s, e]} overlaps this window. */
    long overlap(long s, long e) {
        return Math.max(0, Math.min(e, end) - Math.max(s, start));
    }

    /** Adds a CPU sample at a code site: an execution sample ({@code cpuNanos} 0) or a CPU-time sample. */
    void cpu(String site, String caller, long cpuNanos, boolean execution) {
        if (execution) {
            executionSamples++;
        } else {
            this.cpuNanos += Math.max(0, cpuNanos);
        }
        if (causes != null) {
            if (execution) {
                causes.executionSample(site);
            } else {
                causes.cpuTimeSample(site, cpuNanos);
            }
            if (site != null && !caller.isEmpty()) {
                causes.callers(List.of(caller));
            }
        }
        if (pool != null) {
            record(pool.add(CauseKind.CPU, site == null ? "" : site, site == null ? "" : caller,
                    execution ? 0 : cpuNanos, execution ? 1 : 0));
        }
    }

    /** Adds an event that kept the thread off CPU for {@code nanos} of this window. */
    void blocked(CauseKind kind, String subject, String caller, long nanos) {
        blockedNanos += Math.max(0, nanos);
        add(kind, subject, caller, nanos);
    }

    /** Adds time in a cause other than CPU samples to the poll's explanation and its pool's breakdown. */
    private void add(CauseKind kind, String subject, String caller, long nanos) {
        if (causes != null) {
            causes.blocked(kind, subject, nanos);
        }
        if (pool != null) {
            record(pool.add(kind, subject, caller, nanos, 0));
        }
    }

    /**
     * Adds the CPU time the thread used in {@code [s, e]}, read from its CPU clock ({@code PollCpuTime}).
     *
     * @param s the start of the span the clock covers
     * @param e its end
     * @param cpuNanos the CPU time the thread used in it
     */
    void clocked(long s, long e, long cpuNanos) {
        long covered = overlap(s, e);
        if (covered > 0) {
            clockedNanos += covered;
            clockedCpuNanos += Math.min(Math.max(0, cpuNanos), covered);
        }
    }

    /**
     * Charges, once every sample and event is counted, the CPU time the thread's clock measured beyond
     * what the samples account for: {@link CauseKind#CPU_UNSAMPLED}. The samples of the whole window count
     * against the clock's part of it, so this is a lower bound.
     *
     * @param samplePeriodNanos what an execution sample counts for
     */
    void unsampledCpu(long samplePeriodNanos) {
        if (clockedNanos > 0) {
            chargeClocked(CauseKind.CPU_UNSAMPLED, clockedCpuNanos - sampledNanos(samplePeriodNanos), samplePeriodNanos);
        }
    }

    /**
     * Charges, after {@link #unsampledCpu} and {@link #saturated}, the time the thread's clock shows off
     * CPU that no JDK event explains: {@link CauseKind#OFF_CPU}. Every event of the window counts against
     * the clock's part of it, so this is a lower bound.
     *
     * @param samplePeriodNanos what an execution sample counts for
     */
    void offCpu(long samplePeriodNanos) {
        if (clockedNanos > 0) {
            chargeClocked(CauseKind.OFF_CPU, clockedNanos - clockedCpuNanos - blockedNanos, samplePeriodNanos);
        }
    }

    /**
     * Adds time when the machine's CPU was saturated, once every sample and event is counted: the
     * part of it that they leave unexplained is {@link CauseKind#CPU_SATURATED}.
     *
     * @param saturatedNanos how long this window overlaps saturated time
     * @param samplePeriodNanos what an execution sample counts for
     */
    void saturated(long saturatedNanos, long samplePeriodNanos) {
        charge(CauseKind.CPU_SATURATED, saturatedNanos, samplePeriodNanos);
    }

    /**
     * Charges what the CPU clock shows, if it is 1% of the window or more: the clock's few microseconds in
     * a poll parked throughout are no cause worth naming.
     */
    private void chargeClocked(CauseKind kind, long nanos, long samplePeriodNanos) {
        if (nanos * 100 >= end - start) {
            charge(kind, nanos, samplePeriodNanos);
        }
    }

    /** Charges up to {@code nanos} of what nothing counted so far explains to a cause without a subject. */
    private void charge(CauseKind kind, long nanos, long samplePeriodNanos) {
        long length = end - start;
        long explained = Math.min(length, blockedNanos + sampledNanos(samplePeriodNanos) + contextNanos);
        long charged = Math.min(length - explained, nanos);
        if (charged > 0) {
            contextNanos += charged;
            add(kind, "", "", charged);
        }
    }

    /** The CPU time the samples account for. */
    private long sampledNanos(long samplePeriodNanos) {
        return executionSamples * Math.max(0, samplePeriodNanos) + cpuNanos;
    }

    private void record(PoolCauses.Entry entry) {
        if (seen == null) {
            seen = new ArrayList<>(2);
        }
        if (!seen.contains(entry)) {
            seen.add(entry);
            entry.polls++;
        }
    }
}
