package dev.taskflight.recorder.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Submit times for scheduling delays: every task's in trace mode, one task in {@link #interval()} on
 * average in production, chosen at random so that the sampled delays are an unbiased subset. An
 * unsampled task costs no clock: a countdown on the submitting worker's probe when the submitter is a
 * worker (reset to a random length, mean {@link #interval()}, when it runs out), else one
 * {@code ThreadLocalRandom} draw, which is per-thread state and never contended.
 */
public final class SubmitStamps {

    private static final int INTERVAL = interval(Integer.getInteger("taskflight.delaySampling", 4096));
    private static final int MASK = INTERVAL - 1;

    private SubmitStamps() {
    }

    /** @return on average one task in this many has its delay measured in production: a power of two */
    public static int interval() {
        return INTERVAL;
    }

    /**
     * Returns the submit time of a task being submitted now, if its delay is to be measured.
     *
     * @return {@link System#nanoTime()}, or {@link WorkerProbe#NO_SUBMIT_TIME}
     */
    public static long stamp() {
        return RecordingMode.trace || sampled() ? System.nanoTime() : WorkerProbe.NO_SUBMIT_TIME;
    }

    /**
     * Returns a start-of-delay time that costs nothing to know (a scheduled task's due time), if its
     * delay is to be measured.
     *
     * @param nanoTime the time, or {@link WorkerProbe#NO_SUBMIT_TIME}
     * @return {@code nanoTime}, or {@link WorkerProbe#NO_SUBMIT_TIME} when not sampled
     */
    public static long sample(long nanoTime) {
        if (nanoTime == WorkerProbe.NO_SUBMIT_TIME) {
            return nanoTime;
        }
        return RecordingMode.trace || sampled() ? nanoTime : WorkerProbe.NO_SUBMIT_TIME;
    }

    /**
     * Returns the submit time of a task being submitted now by a thread that may be a worker.
     *
     * @param submitter the probe of the submitting thread, of any pool, or {@code null} if the
     *        current thread is not known to be a worker
     * @return {@link System#nanoTime()}, or {@link WorkerProbe#NO_SUBMIT_TIME}
     */
    public static long stamp(WorkerProbe submitter) {
        if (RecordingMode.trace) {
            return System.nanoTime();
        }
        boolean sampled = submitter != null ? submitter.sampleSubmission() : sampled();
        return sampled ? System.nanoTime() : WorkerProbe.NO_SUBMIT_TIME;
    }

    /** @return the length of a worker's next sampling countdown: uniform in 1 .. 2 × interval − 1 */
    static int nextCountdown() {
        return 1 + ThreadLocalRandom.current().nextInt(2 * INTERVAL - 1);
    }

    /** @return whether a submission is sampled: one in {@link #interval()}, at random */
    static boolean sampled() {
        return (ThreadLocalRandom.current().nextInt() & MASK) == 0;
    }

    private static int interval(int requested) {
        return requested <= 1 ? 1 : Integer.highestOneBit(Math.min(requested, 1 << 20));
    }
}
