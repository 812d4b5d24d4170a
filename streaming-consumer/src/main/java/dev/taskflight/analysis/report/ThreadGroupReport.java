package dev.taskflight.analysis.report;

import java.util.List;

/**
 * What the JDK's own events say about one group of pool threads: a Taskflight pool's workers, or
 * threads named like a JDK pool's ({@code ForkJoinPool-1-worker-3}, {@code pool-2-thread-1}).
 *
 * @param group the pool name or the thread-name prefix, not {@code null}
 * @param taskflightPool whether the group is a pool named by Taskflight events
 * @param threads the number of distinct threads seen
 * @param parks {@code jdk.ThreadPark} events on those threads
 * @param parkNanos their total duration
 * @param parkedOn the classes parked on, the most frequent first, not {@code null}
 * @param cpuSamples CPU samples of those threads
 * @param topFrames the code sites of those samples, not {@code null}
 * @param blocking how those threads blocked in application code: monitor enters, sleeps, and parks
 *        with an application frame on the stack (not a worker waiting for work), by kind; not {@code null}
 */
public record ThreadGroupReport(String group, boolean taskflightPool, int threads, long parks,
        long parkNanos, List<FrameCount> parkedOn, long cpuSamples, List<FrameCount> topFrames,
        List<Blocking> blocking) {

    /** Copies the lists. */
    public ThreadGroupReport {
        parkedOn = List.copyOf(parkedOn);
        topFrames = List.copyOf(topFrames);
        blocking = List.copyOf(blocking);
    }

    /**
     * One way pool threads blocked.
     *
     * @param kind {@link CauseKind#MONITOR_ENTER}, {@link CauseKind#SLEEP} or {@link CauseKind#PARK}, not {@code null}
     * @param events the JDK events
     * @param nanos their total duration
     * @param subject the most frequent monitor class, blocker class or code site, {@code ""} if none
     */
    public record Blocking(CauseKind kind, long events, long nanos, String subject) {
    }
}
