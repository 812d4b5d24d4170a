package dev.taskflight.recorder.core;

import dev.taskflight.events.steal.TaskStealEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The recorder's state for one worker thread: its cumulative counters and its current poll or park.
 *
 * <p>Every mutating method is called on the worker's own thread only, so the hot path takes no lock
 * and allocates nothing. A poll costs, with no recording, two ordered writes of the worker's poll
 * sequence number (odd while in a poll; polls = sequence / 2) and one volatile read, and no clock.
 * While a recording runs, a poll is either <em>timed</em> (two reads of JFR's clock: trace mode, and
 * production on workers whose polls last 50 µs or more on average) or <em>watched</em> (production on
 * finer workers: the {@link Watchdog} samples the sequence numbers to find long polls, and the worker
 * reads the clock twice at each stamp, to stamp and to close a window: one poll in
 * {@link PollTimer#STAMP_EVERY}, or fewer so that a stamp comes every 250 µs of polls or so). Parks are always timed: busy time
 * is the time alive minus the time parked. See {@code docs/modes.md}.
 */
public final class WorkerProbe {

    /** The submit time of a task whose submission was not timed. */
    public static final long NO_SUBMIT_TIME = Long.MIN_VALUE;

    /** The shortest gap between two polls that {@link #gapEnd} counts as a park: 50 µs. */
    public static final long MIN_GAP_PARK_NANOS = 50_000;

    private static final VarHandle SEQ;
    private static final VarHandle HANDOFF;
    private static final VarHandle STEALS;
    private static final VarHandle CURRENT_TASK;
    private static final VarHandle TIME_POLLS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(WorkerProbe.class, "seq", long.class);
            HANDOFF = lookup.findVarHandle(WorkerProbe.class, "handoffSeq", long.class);
            STEALS = lookup.findVarHandle(WorkerProbe.class, "steals", long.class);
            CURRENT_TASK = lookup.findVarHandle(WorkerProbe.class, "currentTask", Object.class);
            TIME_POLLS = lookup.findVarHandle(WorkerProbe.class, "timePolls", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PoolProbe pool;
    private final int index;
    private final Thread thread;
    private final PollTimer timer;
    final WatchState watch = new WatchState();
    final WorkerIdle idle;
    private final TaskStealEvent stealEvent = new TaskStealEvent();
    /** The CPU clock of long polls: read by the watchdog, ended here. */
    final PollCpu cpu = new PollCpu(this);

    // counters carried over from the workers that held this index before
    private final long basePolls;
    private final long baseBusy;
    private final long baseIdle;
    private final long attachNanos = System.nanoTime();
    private volatile long detachNanos;

    private long seq;            // odd while in a poll; written by the worker, read by the watchdog
    private long handoffSeq;     // the last poll the watchdog saw running; written by the watchdog
    private boolean timePolls;   // whether production polls are timed here; written by the watchdog
    private Class<?> seenClass;  // the task class of the poll handoffSeq names; written by the watchdog before it
    // The task (or its class) of the running poll, for the watchdog: written opaquely before the
    // release write of seq that starts or ends the poll (no fence per poll). A mount's task is its
    // virtual thread, and mounting says so: a primitive, where a second reference to the virtual
    // thread (young, written into this old object) cost a G1 write barrier a mount.
    private Object currentTask;
    private boolean mounting;
    private int submitCountdown = SubmitStamps.nextCountdown(); // submissions from this thread

    private long steals;
    private long lastBusy;

    private int pollDepth;

    WorkerProbe(PoolProbe pool, int index, Thread thread, WorkerProbe previous) {
        this.pool = pool;
        this.index = index;
        this.thread = thread;
        this.timer = new PollTimer(this);
        timePolls = RecordingMode.recording() && !pool.muted();
        watch.startWatching(attachNanos, timePolls); // the watchdog first sees this worker through the pool's volatile slots
        idle = new WorkerIdle(pool, index, previous != null ? previous.parks() : 0);
        if (previous != null) {
            basePolls = previous.polls();
            baseBusy = previous.busyNanos();
            baseIdle = previous.idleNanos();
            steals = previous.steals();
        } else {
            basePolls = 0;
            baseBusy = 0;
            baseIdle = 0;
        }
    }

    /**
     * Marks the start of a poll on this worker. A poll started inside another poll (a task run
     * inside another task on the same worker) is part of the outer poll. A task taken from another
     * worker's queue is recorded as such by {@link #stole} before.
     *
     * @param submitNanoTime {@link System#nanoTime()} when the task was submitted, or
     *        {@link #NO_SUBMIT_TIME}; see {@link SubmitStamps}
     * @param task the task, or its class, or {@code null}: named if the poll turns out long
     */
    public void pollStart(long submitNanoTime, Object task) {
        start(submitNanoTime, task, false);
    }

    /**
     * Marks the start of a poll that mounts a virtual thread on this worker, its carrier: the poll's
     * task is the virtual thread, named by its own task if the poll turns out long. End it with
     * {@link #pollEnd()}.
     *
     * @param submitNanoTime {@link System#nanoTime()} when the virtual thread was started, unparked
     *        or unblocked, or {@link #NO_SUBMIT_TIME}; see {@link SubmitStamps}
     * @param virtualThread the virtual thread being mounted
     */
    public void mountStart(long submitNanoTime, Thread virtualThread) {
        start(submitNanoTime, virtualThread, true);
    }

    private void start(long submitNanoTime, Object task, boolean mount) {
        if (pollDepth++ > 0) {
            return; // a task run inside another (a helping join, a caller-runs rejection): one poll
        }
        CURRENT_TASK.setOpaque(this, task);
        if (mounting != mount) { // a carrier mounts, other workers do not: written once per worker
            mounting = mount;
        }
        SEQ.setRelease(this, seq + 1);
        timer.start(submitNanoTime, (boolean) TIME_POLLS.getOpaque(this));
    }

    /**
     * Returns whether a poll can take the lean path ({@link #leanPollStart}): no trace recording
     * runs, the task's delay is not sampled, and it is not a steal. That is every poll while no
     * recording runs and all but one in {@link SubmitStamps#interval()} in production.
     *
     * @param submitNanoTime the task's submit time, or {@link #NO_SUBMIT_TIME}
     * @param submitter the index of the worker that submitted the task into its own queue, or -1
     * @return whether the lean path records all that the full one would
     */
    public boolean lean(long submitNanoTime, int submitter) {
        return submitNanoTime == NO_SUBMIT_TIME && !RecordingMode.trace && (submitter < 0 || submitter == index);
    }

    /**
     * Marks the start of a poll that {@link #lean} allows, for pools without virtual threads: what
     * production mode and a recording started later need (the poll count, and the running task for
     * the watchdog, which times the poll and takes its stack if it runs long), and nothing else. It
     * records what {@link #pollStart} would in that case; being small, it lets the JIT inline the
     * task into the pool's run loop as it does without Taskflight, which the full path does not on
     * JDK 25. End the poll with {@link #leanPollEnd}.
     *
     * @param task the task, or its class, or {@code null}
     */
    public void leanPollStart(Object task) {
        if (pollDepth++ > 0) {
            return;
        }
        idle.gapEnd(); // a gap timed by a trace recording that has stopped since, if any
        CURRENT_TASK.setOpaque(this, task);
        SEQ.setRelease(this, seq + 1);
        if ((boolean) TIME_POLLS.getOpaque(this)) {
            timer.startTimed(false);
        } else {
            timer.stampIfDue();
        }
    }

    /**
     * Ends a poll started by {@link #leanPollStart}; a poll the watchdog reported long is ended as
     * {@link #pollEnd} would.
     *
     * @param taskClass the class of the task that ran, or {@code null} for the task given at the start
     */
    public void leanPollEnd(Class<?> taskClass) {
        if (--pollDepth > 0) {
            return;
        }
        long s = seq;
        if (timer.timed() || (long) HANDOFF.getAcquire(this) == s) {
            pollDepth = 1;
            pollEnd(taskClass);
            return;
        }
        CURRENT_TASK.setOpaque(this, null);
        SEQ.setRelease(this, s + 1);
    }

    /**
     * Returns whether this worker is in a poll and not in a task run inside it.
     *
     * @return {@code true} between an outermost {@link #pollStart} and its {@link #pollEnd}
     */
    public boolean inOutermostPoll() {
        return pollDepth == 1;
    }

    /** Marks the end of the poll started by {@link #pollStart}, naming the task given there. */
    public void pollEnd() {
        pollEnd(null);
    }

    /**
     * Marks the end of the poll started by {@link #pollStart}, whether the task completed or threw.
     *
     * @param taskClass the class of the task that ran, or {@code null} for the task given to
     *        {@code pollStart}
     */
    public void pollEnd(Class<?> taskClass) {
        if (--pollDepth > 0) {
            return;
        }
        long s = seq;
        boolean longPoll = timer.timed() ? timer.end(taskClass)
                : (long) HANDOFF.getAcquire(this) == s && timer.endWatched(taskClass, seenClass);
        if (longPoll) {
            cpu.end(s);
        }
        timer.clear();
        CURRENT_TASK.setOpaque(this, null);
        SEQ.setRelease(this, s + 1);
    }

    /** Marks the moment this worker starts waiting for work. */
    public void parkStart() {
        timer.closeWindowIfOpen();
        idle.parkStart();
    }

    /**
     * Marks the moment this worker's thread turns to work that is not this worker's, between two of
     * its polls: a poll of another pool the same thread serves (a coroutine worker's CPU and blocking
     * pools). Production mode then does not count that work as this worker's: see {@code docs/modes.md}.
     */
    public void leave() {
        timer.left();
    }

    /** Marks the moment this worker, waiting since {@link #parkStart}, has work again or exits. */
    public void parkEnd() {
        idle.parkEnd();
        timer.stamp();
    }

    /**
     * Marks the end of a poll on a worker whose waits for work cannot be seen directly: the gap to
     * the next {@link #gapEnd} may be a park. Only timed in trace mode; in production the watchdog
     * estimates such workers' idle time.
     */
    public void gapStart() {
        idle.gapStart();
    }

    /**
     * Ends a gap started by {@link #gapStart}: in trace mode, it counts as a park (and idle time) only
     * if it lasted at least {@link #MIN_GAP_PARK_NANOS}; shorter gaps are the pool's own bookkeeping
     * between two tasks.
     */
    public void gapEnd() {
        idle.gapEnd();
    }

    /**
     * Records that this worker took a task from another worker's queue.
     *
     * @param victimQueue the index of the queue the task came from, or -1
     * @param taskClass the class of the stolen task, or {@code null}
     */
    public void steal(int victimQueue, Class<?> taskClass) {
        stole(victimQueue, taskClass);
    }

    /**
     * Records that this worker took a task from another worker's queue, naming the task only if
     * the steal is recorded.
     *
     * @param victimQueue the index of the queue the task came from, or -1
     * @param task the stolen task, or {@code null}
     */
    public void stole(int victimQueue, Object task) {
        STEALS.setOpaque(this, steals + 1);
        TaskStealEvent event = stealEvent;
        if (event.shouldCommit()) {
            event.pool = pool.name();
            event.worker = index;
            event.victimQueue = victimQueue;
            event.taskClass = TaskNames.classOf(task);
            event.commit();
        }
    }

    /**
     * Decides whether a task this worker's thread submits now has its scheduling delay measured in
     * production: a countdown on the worker's own thread, reset at random so that one submission in
     * {@link SubmitStamps#interval()} is sampled on average. Call it on the worker's own thread.
     *
     * @return whether to take the submit time
     */
    boolean sampleSubmission() {
        if (--submitCountdown > 0) {
            return false;
        }
        submitCountdown = SubmitStamps.nextCountdown();
        return true;
    }

    /** @return the task (or its class) of the running poll, or {@code null}. Any thread. */
    Object currentTask() {
        return CURRENT_TASK.getOpaque(this);
    }

    /**
     * Returns the virtual thread mounted by the running poll. From another thread, read it before the
     * poll's sequence number is checked again, as for {@link #currentTask}: a carrier's tasks are all
     * virtual threads, and another worker's are never taken for one.
     *
     * @return the virtual thread, or {@code null} if the running poll is not a mount
     */
    Thread currentVirtualThread() {
        Object task = CURRENT_TASK.getOpaque(this);
        return mounting && task instanceof Thread ? (Thread) task : null;
    }

    /**
     * Tells the worker that the watchdog saw poll {@code s} running, naming its task while it runs (the
     * JDK's wrappers forget their task when it completes). Watchdog thread only.
     */
    void handOff(long s) {
        seenClass = TaskNames.classOf(currentTask());
        HANDOFF.setRelease(this, s);
    }

    /** @return whether the watchdog left this worker's production polls watched, not timed. Any thread. */
    boolean watched() {
        return !(boolean) TIME_POLLS.getOpaque(this);
    }

    /** Times this worker's production polls on the worker, or leaves them watched. Watchdog thread only. */
    void timePolls(boolean timed) {
        TIME_POLLS.setOpaque(this, timed);
    }

    /** @return how many polls a watched worker runs from one stamp to the next. Any thread. */
    int stampEvery() {
        return timer.stampEvery();
    }

    /** @param polls 1 to {@link PollTimer#STAMP_EVERY}: see {@link PollTimer#spaceStamps}. Watchdog thread only. */
    void stampEvery(int polls) {
        timer.spaceStamps(polls);
    }

    /** @return the poll sequence number: odd while in a poll. Any thread. */
    long sequence() {
        return (long) SEQ.getAcquire(this);
    }

    void detached() {
        detachNanos = System.nanoTime();
    }

    /** @return the worker's index in its pool, the lowest free when it started */
    public int index() {
        return index;
    }

    /** @return the worker's thread, not {@code null} */
    public Thread thread() {
        return thread;
    }

    /** @return the pool this worker belongs to, not {@code null} */
    public PoolProbe pool() {
        return pool;
    }

    /** @return polls completed, cumulative over every worker that held this index */
    public long polls() {
        return basePolls + (sequence() >>> 1);
    }

    /**
     * Returns the time this worker index was busy: the time alive minus the time parked; for
     * workers whose waits cannot be seen, the time in timed polls plus the watchdog's estimate.
     *
     * @return nanoseconds, cumulative and never decreasing
     */
    public synchronized long busyNanos() {
        long busy;
        if (idle.gapIdle()) {
            busy = baseBusy + idle.gapBusyNanos();
        } else {
            long end = detachNanos != 0 ? detachNanos : System.nanoTime();
            busy = baseBusy + Math.max(0, (end - attachNanos) - (idleNanos() - baseIdle));
        }
        lastBusy = Math.max(lastBusy, busy);
        return lastBusy;
    }

    /** @return nanoseconds spent waiting for work, cumulative, including a park in progress */
    public long idleNanos() {
        return baseIdle + idle.idleNanos(detachNanos != 0);
    }

    /** @return times the worker waited for work, cumulative */
    public long parks() {
        return idle.parks();
    }

    /** @return tasks taken from other workers' queues, cumulative */
    public long steals() {
        return (long) STEALS.getOpaque(this);
    }
}
