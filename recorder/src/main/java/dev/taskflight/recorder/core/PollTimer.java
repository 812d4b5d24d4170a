package dev.taskflight.recorder.core;

import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.poll.TaskPollEvent;

/**
 * A worker's poll events, on the worker's own thread: a <em>timed</em> poll (trace mode, and
 * production on workers whose polls are long enough to afford it) is timed from its start to its end
 * with JFR's clock; a <em>watched</em> poll (production, fine-grained polls) is recorded only when the
 * watchdog saw it running, with an event begun at the worker's last <em>stamp</em> — the end of its
 * last park, the end of its last recorded poll, or the start of one poll in {@link #STAMP_EVERY} —
 * so that it never starts before either and never depends on when the watchdog ran. Also the sampled
 * scheduling delays.
 */
final class PollTimer {

    /** A watched worker stamps the start of one poll in this many: the bound on a watched poll's start. */
    static final int STAMP_EVERY = 16;

    /** The shortest time between two delay samples of one worker: at most 1000 a second. */
    static final long MIN_DELAY_SAMPLE_GAP_NANOS = 1_000_000;

    private final WorkerProbe worker;
    private final boolean muted;
    private final TaskPollEvent timedEvent = new TaskPollEvent();
    private final TaskPollEvent watchedEvent = new TaskPollEvent();
    private boolean timed;
    private boolean traced;
    private long startNanos;
    private Class<?> startClass;
    private int stampCountdown;
    private long delay = TaskPollEvent.UNKNOWN_DELAY;
    private boolean stolen;
    private Thread virtualThread;
    private int traceCountdown = SubmitStamps.interval();
    private long lastDelayEvent = Long.MIN_VALUE / 2;

    PollTimer(WorkerProbe worker) {
        this.worker = worker;
        this.muted = worker.pool().muted();
        watchedEvent.begin();
    }

    /** @return whether the current poll is timed on the worker */
    boolean timed() {
        return timed;
    }

    /**
     * Starts a poll.
     *
     * @param clocked whether to time it: trace mode, or production on a worker the watchdog times
     */
    void start(long submitNanoTime, boolean stolen, Thread virtualThread, boolean clocked) {
        if (muted) {
            return;
        }
        this.stolen = stolen;
        this.virtualThread = virtualThread;
        boolean trace = RecordingMode.trace;
        if (!trace && submitNanoTime == WorkerProbe.NO_SUBMIT_TIME) {
            delay = TaskPollEvent.UNKNOWN_DELAY; // no sampled delay: no clock read of ours
        } else {
            long now = System.nanoTime();
            startNanos = now;
            delay = submitNanoTime == WorkerProbe.NO_SUBMIT_TIME
                    ? TaskPollEvent.UNKNOWN_DELAY : Math.max(0, now - submitNanoTime);
            if (delay != TaskPollEvent.UNKNOWN_DELAY && (!trace || --traceCountdown <= 0)
                    && now - lastDelayEvent >= MIN_DELAY_SAMPLE_GAP_NANOS) {
                traceCountdown = SubmitStamps.interval();
                lastDelayEvent = now;
                commitDelay(delay);
            }
        }
        if (clocked || trace) {
            startTimed(trace);
        } else {
            stampIfDue();
        }
    }

    /** Starts timing a poll on the worker, if {@code TaskPoll} is enabled. */
    void startTimed(boolean trace) {
        TaskPollEvent event = timedEvent;
        timed = event.isEnabled();
        if (timed) {
            traced = trace;
            // named now: the JDK's wrappers (FutureTask, ...) forget their task when it completes
            startClass = TaskNames.classOf(worker.currentTask());
            event.begin();
        }
    }

    /** Stamps the start of one watched poll in {@link #STAMP_EVERY}. */
    void stampIfDue() {
        if (--stampCountdown <= 0) {
            stamp();
        }
    }

    /** Begins the watched event now: no watched poll recorded later starts before this moment. */
    void stamp() {
        stampCountdown = STAMP_EVERY;
        watchedEvent.begin();
    }

    /** Ends a timed poll: it is recorded if long enough. */
    void end(Class<?> taskClass) {
        timed = false;
        if (traced) {
            worker.idle.addTraceBusy(System.nanoTime() - startNanos);
        }
        TaskPollEvent event = timedEvent;
        event.end();
        if (event.shouldCommit()) {
            fill(event, taskClass != null ? taskClass : startClass);
            event.commit();
            PoolProbe pool = worker.pool();
            if (!traced && !pool.longPollEnded) { // a long poll: the watchdog should look closely again
                pool.longPollEnded = true;
            }
        }
        event.virtualThread = null;
        startClass = null;
        stampCountdown = 0; // a watched poll after it stamps its start, so it never starts before this one ended
    }

    /**
     * Ends a watched poll the watchdog saw running: it is recorded if long enough.
     *
     * @param taskClass the task's class, or {@code null} for the one the watchdog named while it ran
     */
    void endWatched(Class<?> taskClass, Class<?> seenClass) {
        TaskPollEvent event = watchedEvent;
        event.end();
        if (event.shouldCommit()) {
            fill(event, taskClass != null ? taskClass : seenClass);
            event.commit();
            event.virtualThread = null;
        }
        stamp(); // the next watched poll starts after this one ended
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

    /** Fills the event; {@code taskClass} was named while the poll ran (or given by the pool). */
    private void fill(TaskPollEvent event, Class<?> taskClass) {
        event.pool = worker.pool().name();
        event.worker = worker.index();
        event.taskClass = taskClass;
        event.taskName = TaskNames.nameOf(taskClass);
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
