package dev.taskflight.analysis.report;

import java.util.List;

/**
 * Application code that ran on threads outside every pool Taskflight saw: the work a verdict on the
 * pools cannot speak for. Counted from the JDK's CPU samples whose stack holds an application frame, on
 * platform threads that are not a Taskflight worker (a virtual thread's work is its carrier's poll).
 *
 * @param threads how many such threads were sampled
 * @param cpuSamples their CPU samples with an application frame
 * @param top the threads with the most samples, the most first (bounded), not {@code null}
 * @param samplesRead the CPU samples read, of every thread and frame: none means the recording had no
 *        CPU sampling, and whether work ran unseen is unknown
 */
public record UnseenWork(int threads, long cpuSamples, List<UnseenThread> top, long samplesRead) {

    /** Not checked: no CPU sample was read. */
    public static final UnseenWork NONE = new UnseenWork(0, 0, List.of(), 0);

    /** Copies the list. */
    public UnseenWork {
        top = List.copyOf(top);
    }

    /**
     * Returns whether any application code ran unseen: outside the pools, or on a worker never seen running a task.
     *
     * @return {@code true} if a CPU sample caught some
     */
    public boolean any() {
        return cpuSamples > 0;
    }

    /**
     * Returns whether unseen work was looked for: the recording had CPU samples. Without them
     * no verdict can say that nothing ran unseen.
     *
     * @return {@code true} if a CPU sample, of any thread, was read
     */
    public boolean checked() {
        return samplesRead > 0;
    }

    /**
     * Returns whether Taskflight saw all the application's work: it was looked for and none ran unseen.
     * Only then may a report with no findings read as an all-clear.
     *
     * @return {@code true} if {@link #checked()} and not {@link #any()}
     */
    public boolean allSeen() {
        return checked() && !any();
    }

    /**
     * One thread that ran application code unseen: outside the pools, or a worker never seen running a task.
     *
     * @param thread the thread's name, not {@code null}
     * @param cpuSamples its CPU samples with an application frame
     * @param site its most sampled application frame, not {@code null}
     */
    public record UnseenThread(String thread, long cpuSamples, String site) {
    }
}
