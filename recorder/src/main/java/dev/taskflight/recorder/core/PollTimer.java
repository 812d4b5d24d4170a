package dev.taskflight.recorder.core;

import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.poll.TaskPollEvent;

/**
 * A worker's poll events, on the worker's own thread: the poll timed from start to end in trace
 * mode, the event the watchdog began for a poll it saw running in production mode, and the
 * sampled scheduling delays.
 */
final class PollTimer {

    private final WorkerProbe worker;
    private final TaskPollEvent traceEvent = new TaskPollEvent();
    private boolean timed;
    private long startNanos;
    private long delay = TaskPollEvent.UNKNOWN_DELAY;
    private boolean stolen;
    private Thread virtualThread;
    private int traceCountdown = SubmitStamps.interval();
    private long lastDelayEvent = Long.MIN_VALUE / 2;

    /** The shortest time between two delay samples of one worker: at most 1000 a second. */
    static final long MIN_DELAY_SAMPLE_GAP_NANOS = 1_000_000;

    PollTimer(WorkerProbe worker) {
        this.worker = worker;
    }

    /** @return whether the current poll is timed on the worker (trace mode) */
    boolean timed() {
        return timed;
    }

    void start(long submitNanoTime, boolean stolen, Thread virtualThread) {
        boolean trace = RecordingMode.trace;
        if (!trace && submitNanoTime == WorkerProbe.NO_SUBMIT_TIME) {
            delay = TaskPollEvent.UNKNOWN_DELAY;
            this.stolen = stolen;
            this.virtualThread = virtualThread;
            return; // production, no sampled delay: no clock
        }
        long now = System.nanoTime();
        delay = submitNanoTime == WorkerProbe.NO_SUBMIT_TIME
                ? TaskPollEvent.UNKNOWN_DELAY : Math.max(0, now - submitNanoTime);
        this.stolen = stolen;
        this.virtualThread = virtualThread;
        if (delay != TaskPollEvent.UNKNOWN_DELAY && (!trace || --traceCountdown <= 0)
                && now - lastDelayEvent >= MIN_DELAY_SAMPLE_GAP_NANOS) {
            traceCountdown = SubmitStamps.interval();
            lastDelayEvent = now;
            commitDelay(delay);
        }
        if (trace) {
            TaskPollEvent event = traceEvent;
            timed = event.isEnabled();
            if (timed) {
                startNanos = now;
                event.begin();
            }
        }
    }

    void end(Class<?> taskClass) {
        timed = false;
        worker.idle.addTraceBusy(System.nanoTime() - startNanos);
        TaskPollEvent event = traceEvent;
        event.end();
        if (event.shouldCommit()) {
            fill(event, taskClass);
            event.commit();
        }
        event.virtualThread = null;
        virtualThread = null;
    }

    /** Ends the event the watchdog began for this poll: it is recorded if long enough. */
    void endHandedOff(TaskPollEvent event, Class<?> taskClass) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            fill(event, taskClass);
            event.commit();
        }
        virtualThread = null;
    }

    /** Forgets the ended poll's delay and flags, so that a lean poll's event never shows them. */
    void clear() {
        if (delay != TaskPollEvent.UNKNOWN_DELAY) {
            delay = TaskPollEvent.UNKNOWN_DELAY;
        }
        if (stolen) {
            stolen = false;
        }
        if (virtualThread != null) {
            virtualThread = null;
        }
    }

    private void fill(TaskPollEvent event, Class<?> taskClass) {
        event.pool = worker.pool().name();
        event.worker = worker.index();
        event.taskClass = taskClass != null ? taskClass : TaskNames.classOf(worker.currentTask());
        event.schedulingDelay = delay;
        event.stolen = stolen;
        event.virtualThread = virtualThread;
    }

    /**
     * Writes a sample: a new event each time (sampled tasks only), since a reused instant event keeps
     * the time of its first commit, and a stream ordered by time would then see it before the polls
     * that ran in between.
     */
    private void commitDelay(long nanos) {
        SchedulingDelaySampleEvent event = new SchedulingDelaySampleEvent();
        if (event.shouldCommit()) {
            event.pool = worker.pool().name();
            event.worker = worker.index();
            event.schedulingDelay = nanos;
            event.samplingInterval = SubmitStamps.interval();
            event.commit();
        }
    }
}
