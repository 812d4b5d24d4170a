package dev.taskflight.recorder.core;

import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's poll events, on the worker's own thread: a <em>timed</em> poll (trace mode, and
 * production on workers whose polls are long enough to afford it) is timed from its start to its end
 * with JFR's clock; a <em>watched</em> poll (production, fine-grained polls) is recorded when the
 * watchdog saw it running, with an event begun at the worker's last <em>stamp</em> — the end of its
 * last park, the end of its last recorded poll, or the start of one poll in {@link #STAMP_EVERY} —
 * so that it never starts before either and never depends on when the watchdog ran. A watched poll the
 * watchdog did not see running is found by its worker: each stamp closes a <em>window</em>, the time
 * since the stamp before, and a window at or over the long-poll threshold that holds a poll is recorded
 * as a {@code TaskPoll} of its polls, with no task class and a task name that says so
 * ({@link #closeWindow}). Also the sampled scheduling delays.
 */
final class PollTimer {

    /**
     * A watched worker stamps the start of one poll in this many at most: the bound, in polls, on a
     * watched poll's start.
     */
    static final int STAMP_EVERY = 16;

    /**
     * About how long a watched worker's polls run from one stamp to the next: 250 µs. The watchdog
     * spaces a worker's stamps by ⌊this / the polls' average⌋ polls, and by {@link #STAMP_EVERY} at
     * most, that is for polls under about 16 µs ({@link Watchdog#stampSpacing}); so a watched poll
     * starts early by about this at most, at its worker's average, whatever its pool's polls take.
     */
    static final long STAMP_SPAN_NANOS = 250_000;

    /** The shortest time between two delay samples of one worker: at most 1000 a second. */
    static final long MIN_DELAY_SAMPLE_GAP_NANOS = 1_000_000;

    private static final VarHandle STAMP_SPACING;

    static {
        try {
            STAMP_SPACING = MethodHandles.lookup().findVarHandle(PollTimer.class, "stampSpacing", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WorkerProbe worker;
    private final boolean muted;
    private final TaskPollEvent timedEvent = new TaskPollEvent();
    private final TaskPollEvent watchedEvent = new TaskPollEvent();
    private boolean timed;
    private boolean traced;
    private long startNanos;
    private Class<?> startClass;
    private int stampCountdown;
    /** How many polls from one stamp to the next: written by the watchdog ({@link #spaceStamps}), read at each stamp. */
    private int stampSpacing = STAMP_EVERY;
    private long delay = TaskPollEvent.UNKNOWN_DELAY;
    private int traceCountdown = SubmitStamps.interval();
    private long lastDelayEvent = Long.MIN_VALUE / 2;
    /** Whether a window is open: a watched stamp since the last timed poll, park or {@link #left}. */
    private boolean windowOpen;
    /** The stamp that opened the window, in {@link System#nanoTime()} terms, and the sequence number then. */
    private long windowNanos;
    private long windowSeq;

    /** The task names of unseen windows, by the number of polls in them: at most {@link #STAMP_EVERY}. */
    private static final String[] UNSEEN_NAMES = new String[STAMP_EVERY + 1];

    static {
        UNSEEN_NAMES[1] = "(not seen running: 1 poll)";
        for (int n = 2; n <= STAMP_EVERY; n++) {
            UNSEEN_NAMES[n] = "(not seen running: one of " + n + " polls)";
        }
    }

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
    void start(long submitNanoTime, boolean clocked) {
        if (muted) {
            return;
        }
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
        if (windowOpen) { // from watched to timed: the polls before this one were watched
            closeWindow(!trace);
        }
        TaskPollEvent event = timedEvent;
        timed = event.isEnabled();
        if (timed) {
            traced = trace;
            // named now: the JDK's wrappers (FutureTask, ...) forget their task when it completes
            startClass = TaskNames.classOf(worker.currentTask());
            event.begin();
        }
    }

    /** Stamps the start of one watched poll in {@link #stampEvery()}, closing the window before it. */
    void stampIfDue() {
        if (--stampCountdown <= 0) {
            closeWindowIfOpen();
            stamp();
        }
    }

    /** @return how many polls a watched worker runs from one stamp to the next, 1 to {@link #STAMP_EVERY} */
    int stampEvery() {
        return (int) STAMP_SPACING.getOpaque(this);
    }

    /**
     * Spaces the watched worker's stamps: one poll in {@code polls} ({@link Watchdog#stampSpacing}).
     * Watchdog thread only; writes the worker's line only when the spacing changes.
     *
     * @param polls 1 to {@link #STAMP_EVERY}
     */
    void spaceStamps(int polls) {
        if ((int) STAMP_SPACING.getOpaque(this) != polls) {
            STAMP_SPACING.setOpaque(this, polls);
        }
    }

    /**
     * Begins the watched event now and, on a watched worker while a production recording runs, opens a
     * window: no watched poll recorded later starts before this moment.
     */
    void stamp() {
        stampCountdown = stampEvery();
        if (!muted && RecordingMode.recording() && !RecordingMode.trace && worker.watched()) {
            windowNanos = System.nanoTime();
            windowSeq = worker.sequence();
            windowOpen = true;
        }
        watchedEvent.begin();
    }

    /** Closes the open window, if any: the worker stamps, or parks (and stamps when the park ends). */
    void closeWindowIfOpen() {
        if (windowOpen) {
            closeWindow(!RecordingMode.trace);
        }
    }

    /** Closes the open window, if any, and stamps the next watched poll's start: the thread turned to other work. */
    void left() {
        closeWindowIfOpen();
        stampCountdown = 0;
    }

    /**
     * Closes the open window: the worker stops running this pool's polls (a park, a timed poll, other
     * work on its thread) or stamps. A window that lasted the long-poll threshold or more and held a
     * poll the watchdog did not see running is recorded as one {@code TaskPoll}: one of its polls, or
     * several together, took that long, and no tick told which.
     *
     * @param record whether to record it: {@code false} when a trace recording has just started, whose
     *        thresholds are not the production ones the window was kept for
     */
    void closeWindow(boolean record) {
        windowOpen = false;
        if (!record || muted) {
            return;
        }
        if (System.nanoTime() - windowNanos < RecordingMode.stallNanos()) {
            return;
        }
        // polls ended in the window, or running at its end: those that started before the closing stamp
        long polls = (worker.sequence() >>> 1) - (windowSeq >>> 1);
        if (polls <= 0 || worker.idle.gapIdle()) { // no poll, or idle time between polls it cannot see
            return;
        }
        TaskPollEvent event = watchedEvent;
        event.end();
        if (event.shouldCommit()) {
            event.pool = worker.pool().pollField();
            event.worker = worker.index();
            // a window closes by the stamp of its 16th poll at the latest
            event.taskName = UNSEEN_NAMES[(int) Math.min(polls, STAMP_EVERY)];
            event.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
            event.virtualThread = null;
            event.commit();
            hint();
        }
    }

    /** Tells the watchdog that a long poll ended here: it should look closely again for a while. */
    private void hint() {
        PoolProbe pool = worker.pool();
        if (!pool.longPollEnded) {
            pool.longPollEnded = true;
        }
    }

    /**
     * Ends a timed poll: it is recorded if long enough.
     *
     * @return whether it was recorded as a long poll: at or over the long-poll threshold
     */
    boolean end(Class<?> taskClass) {
        timed = false;
        long traceNanos = 0;
        if (traced) {
            traceNanos = System.nanoTime() - startNanos;
            worker.idle.addTraceBusy(traceNanos);
        }
        TaskPollEvent event = timedEvent;
        event.end();
        boolean longPoll = false;
        if (event.shouldCommit()) {
            fill(event, taskClass != null ? taskClass : startClass);
            event.commit();
            // a long poll: the watchdog should look closely again (in trace mode too, where its look
            // reads the CPU clock of the next long polls early in them)
            longPoll = !traced || traceNanos >= RecordingMode.longPollNanos();
            if (longPoll) {
                hint();
            }
        }
        event.virtualThread = null;
        startClass = null;
        windowOpen = false;
        stampCountdown = 0; // a watched poll after it stamps its start, so it never starts before this one ended
        return longPoll;
    }

    /**
     * Ends a watched poll the watchdog saw running: it is recorded if long enough.
     *
     * @param taskClass the task's class, or {@code null} for the one the watchdog named while it ran
     * @return whether it was recorded: a long poll
     */
    boolean endWatched(Class<?> taskClass, Class<?> seenClass) {
        TaskPollEvent event = watchedEvent;
        event.end();
        boolean longPoll = event.shouldCommit();
        if (longPoll) {
            fill(event, taskClass != null ? taskClass : seenClass);
            event.commit();
            event.virtualThread = null;
            hint();
        }
        stamp(); // the next watched poll starts after this one ended
        windowSeq++; // and the window holds the polls after it
        return longPoll;
    }

    /** Forgets the ended poll's delay, so that a lean poll's event never shows it. */
    void clear() {
        if (delay != TaskPollEvent.UNKNOWN_DELAY) {
            delay = TaskPollEvent.UNKNOWN_DELAY;
        }
    }

    /** Fills the event; {@code taskClass} was named while the poll ran (or given by the pool). */
    private void fill(TaskPollEvent event, Class<?> taskClass) {
        event.pool = worker.pool().pollField();
        event.worker = worker.index();
        event.taskName = TaskNames.taskName(taskClass);
        event.schedulingDelay = TaskPollEvent.delayOf(delay);
        event.virtualThread = worker.currentVirtualThread(); // the poll's own: it is still running here
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
