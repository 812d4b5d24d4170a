package dev.taskflight.recorder.core;

/** What the watchdog remembers of one worker between two of its ticks; watchdog thread only. */
final class WatchState {

    /** The worker's poll sequence number at the last tick. */
    long seq = -1;
    /** When the last tick looked, in the watchdog's clock ({@link System#nanoTime()} terms). */
    long lastTick;
    /** The earliest time the running poll can have started: the tick before it was first seen. */
    long pollSince;
    /** When the running poll was first seen: it has run at least since then. */
    long firstSeen;
    /** The running time at which the running poll is next reported as in progress. */
    long nextReport;
    /** Whether the running poll's last report went without the worker's stack, and when to try again. */
    boolean stackOwed;
    long stackRetryAt;
    /** Whether the running poll's CPU clock was read ({@link PollCpu#read}). */
    boolean cpuRead;
    /** Whether the worker was seen between polls, with no poll since, at the last tick. */
    boolean idle;
    /** Whether the worker's production polls are timed on the worker (what it was last told). */
    boolean timed;
    /** The number of the watchdog that last looked at the worker ({@code Watchdog.run}; 0: none yet). */
    long lookedBy;
    /** The sequence number and time of the last decision on {@link #timed}. */
    long decidedSeq;
    long decidedAt;
    /** The worker's idle time ({@link WorkerProbe#idleNanos()}) at the last decision. */
    long decidedIdle;

    /**
     * Sets up the state of a worker that is starting, as if the watchdog had just seen it idle. Runs on
     * the worker thread, under its pool's lock, before the watchdog can see the worker.
     *
     * @param now the worker's attach time
     * @param timedPolls whether the worker starts with its polls timed
     */
    void startWatching(long now, boolean timedPolls) {
        seq = 0;
        lastTick = now;
        decidedAt = now;
        timed = timedPolls;
    }
}
