package dev.taskflight.analysis.report;

/**
 * What the JDK recorded on a worker thread during a poll: the causes of long polls, defined once
 * and read by every report (text, JSON, the stream's lines, the JMC rules).
 */
public enum CauseKind {
    /** Running on CPU: {@code jdk.ExecutionSample} and {@code jdk.CPUTimeSample}. */
    CPU("cpu", "on CPU"),
    /** Blocked entering a {@code synchronized} block: {@code jdk.JavaMonitorEnter}. */
    MONITOR_ENTER("monitor-enter", "blocked on monitor"),
    /** In {@code Object.wait}: {@code jdk.JavaMonitorWait}. */
    MONITOR_WAIT("monitor-wait", "waiting on monitor"),
    /** Parked, as by a lock or a future: {@code jdk.ThreadPark}. */
    PARK("park", "parked on"),
    /** In {@code Thread.sleep}: {@code jdk.ThreadSleep}. */
    SLEEP("sleep", "sleeping in Thread.sleep"),
    /** Reading from a socket: {@code jdk.SocketRead}. */
    SOCKET_READ("socket-read", "reading socket"),
    /** Writing to a socket: {@code jdk.SocketWrite}. */
    SOCKET_WRITE("socket-write", "writing socket"),
    /** Reading a file: {@code jdk.FileRead}. */
    FILE_READ("file-read", "reading file"),
    /** Writing a file: {@code jdk.FileWrite}. */
    FILE_WRITE("file-write", "writing file"),
    /** A virtual thread pinned to its carrier: {@code jdk.VirtualThreadPinned}. */
    PINNED("pinned", "virtual thread pinned"),
    /**
     * Stopped by the JVM, not by the poll's code: a garbage-collection pause ({@code jdk.GCPhasePause},
     * or {@code jdk.GarbageCollection} without it) or a safepoint ({@code jdk.SafepointBegin}) overlapping the poll.
     */
    JVM_PAUSE("jvm-pause", "stopped by the JVM"),
    /**
     * On CPU, by the thread's CPU clock ({@code taskflight.PollCpuTime}), beyond what the CPU samples
     * account for: the JDK's sampler missed it (it takes a few threads a period, and drops samples it
     * cannot walk). Only time no sample or JDK event explains; only in a {@link CauseBreakdown} and a long
     * poll's explanation.
     */
    CPU_UNSAMPLED("cpu-unsampled", "on CPU, in no sample (the thread's CPU clock)"),
    /**
     * Off CPU, by the thread's CPU clock ({@code taskflight.PollCpuTime}), in no JDK event: the thread was
     * ready to run and waiting for a core, or in waits shorter than the JDK's event thresholds (parks,
     * socket reads, monitor waits). Only time no other cause explains; only in a {@link CauseBreakdown}
     * and a long poll's explanation.
     */
    OFF_CPU("off-cpu", "off CPU, in no JDK event (waiting for a core, or waits under the JDK's thresholds)"),
    /**
     * In no CPU sample and no JDK event, while the machine's CPU was saturated ({@code jdk.CPULoad}'s
     * {@code machineTotal} at {@value dev.taskflight.analysis.report.CauseKind#SATURATED_PERCENT}% or
     * more over the second it covers): the thread was most likely running, or ready to run and waiting
     * for a core. Only time no other cause explains; only in a {@link CauseBreakdown} and a long poll's
     * explanation.
     */
    CPU_SATURATED("cpu-saturated", "on a saturated CPU (machine at " + CauseKind.SATURATED_PERCENT
            + "% or more; no sample or JDK event)"),
    /**
     * Not on CPU in any sample and in no JDK event: descheduled by the OS, running between samples (the
     * JDK samples a few threads per period), or waiting under the JDK's event thresholds. Only in a
     * {@link CauseBreakdown}.
     */
    UNEXPLAINED("unexplained", "unexplained (no CPU sample or JDK event)");

    /**
     * Returns whether this cause is context for time the JDK recorded nothing of, with no code site or
     * subject: {@link #CPU_UNSAMPLED}, {@link #OFF_CPU} and {@link #CPU_SATURATED}. A long poll's
     * explanation lists these after the causes the JDK recorded on its thread.
     *
     * @return whether it is one of those
     */
    public boolean context() {
        return this == CPU_UNSAMPLED || this == OFF_CPU || this == CPU_SATURATED;
    }

    /** The machine's CPU use, in percent, from which {@link #CPU_SATURATED} applies. */
    public static final int SATURATED_PERCENT = 90;

    private final String id;
    private final String label;

    CauseKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /**
     * Returns the stable identifier used in JSON, such as {@code monitor-enter}.
     *
     * @return the identifier, not {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Returns a short English label, such as {@code blocked on monitor}.
     *
     * @return the label, not {@code null}
     */
    public String label() {
        return label;
    }
}
