package dev.taskflight.recorder.core;

import dev.taskflight.events.poll.TaskPollEvent;

/** What the watchdog remembers of one worker between two of its ticks; watchdog thread only. */
final class WatchState {

    /** The worker's poll sequence number at the last tick. */
    long seq = -1;
    /** An event begun at the last tick, before any poll the next tick finds new. */
    TaskPollEvent armed;
    /** An event to begin at the next tick, not handed off. */
    TaskPollEvent spare;
    /** When the last tick looked, in {@link System#nanoTime()} terms. */
    long lastTick;
    /** The latest time the running poll can have started: the tick before it was first seen. */
    long pollSince;
    /** The running time at which the running poll is next reported as in progress. */
    long nextReport;
    /** Whether the worker was seen between polls, with no poll since, at the last tick. */
    boolean idle;

    /**
     * Sets up the state of a worker that is starting, as if the watchdog had just seen it idle: its
     * first poll then gets an event begun now. Runs on the worker thread, under its pool's lock.
     *
     * @param now the worker's attach time
     */
    void startWatching(long now) {
        seq = 0;
        lastTick = now;
        armed = new TaskPollEvent();
        armed.begin();
    }
}
