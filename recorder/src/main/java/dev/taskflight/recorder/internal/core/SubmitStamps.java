package dev.taskflight.recorder.internal.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Submit times for scheduling delays: every task's in trace mode, one task in {@link #interval()} on
 * average in production, chosen at random so that the sampled delays are an unbiased subset. An
 * unsampled task costs one random number and no clock.
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

    private static boolean sampled() {
        return (ThreadLocalRandom.current().nextInt() & MASK) == 0;
    }

    private static int interval(int requested) {
        return requested <= 1 ? 1 : Integer.highestOneBit(Math.min(requested, 1 << 20));
    }
}
