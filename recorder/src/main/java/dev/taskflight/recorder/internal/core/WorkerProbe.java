package dev.taskflight.recorder.internal.core;

import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The recorder's state for one worker thread: its cumulative counters and its current poll or park.
 *
 * <p>Every mutating method is called on the worker's own thread only, so the hot path takes no lock
 * and allocates nothing. A poll costs, in production mode, two ordered writes of the worker's poll
 * sequence number (odd while in a poll; polls = sequence / 2) and one volatile read, and no clock: the
 * {@link Watchdog} samples the sequence numbers to find long polls. In trace mode each poll is also
 * timed with two clock reads. Parks are always timed: busy time is the time alive minus the time
 * parked. See {@code docs/modes.md}.
 */
public final class WorkerProbe {

    /** The submit time of a task whose submission was not timed. */
    public static final long NO_SUBMIT_TIME = Long.MIN_VALUE;

    /** The shortest gap between two polls that {@link #gapEnd} counts as a park: 50 µs. */
    public static final long MIN_GAP_PARK_NANOS = 50_000;

    private static final VarHandle SEQ;
    private static final VarHandle HANDOFF;
    private static final VarHandle PARK_SEQ;
    private static final VarHandle IDLE;
    private static final VarHandle PARKS;
    private static final VarHandle STEALS;
    private static final VarHandle TRACE_BUSY;
    private static final VarHandle CURRENT_TASK;
    private static final VarHandle CURRENT_VIRTUAL_THREAD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(WorkerProbe.class, "seq", long.class);
            HANDOFF = lookup.findVarHandle(WorkerProbe.class, "handoffSeq", long.class);
            PARK_SEQ = lookup.findVarHandle(WorkerProbe.class, "parkSeq", long.class);
            IDLE = lookup.findVarHandle(WorkerProbe.class, "idleNanos", long.class);
            PARKS = lookup.findVarHandle(WorkerProbe.class, "parks", long.class);
            STEALS = lookup.findVarHandle(WorkerProbe.class, "steals", long.class);
            TRACE_BUSY = lookup.findVarHandle(WorkerProbe.class, "traceBusyNanos", long.class);
            CURRENT_TASK = lookup.findVarHandle(WorkerProbe.class, "currentTask", Object.class);
            CURRENT_VIRTUAL_THREAD = lookup.findVarHandle(WorkerProbe.class, "currentVirtualThread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PoolProbe pool;
    private final int index;
    private final Thread thread;
    private final PollTimer timer;
    final WatchState watch = new WatchState();
    private final TaskStealEvent stealEvent = new TaskStealEvent();
    private final WorkerParkEvent parkEvent = new WorkerParkEvent();

    // counters carried over from the workers that held this index before
    private final long basePolls;
    private final long baseBusy;
    private final long baseIdle;
    private final long attachNanos = System.nanoTime();
    private volatile long detachNanos;
    private volatile boolean gapIdle;

    private long seq;            // odd while in a poll; written by the worker, read by the watchdog
    private long handoffSeq;     // the poll the watchdog has begun an event for
    TaskPollEvent handoffEvent;  // that event; written by the watchdog before handoffSeq
    // The task (or its class) and virtual thread of the running poll, for the watchdog: written
    // opaquely before the release write of seq that starts or ends the poll (no fence per poll).
    private Object currentTask;
    private Thread currentVirtualThread;
    private int submitCountdown = SubmitStamps.nextCountdown(); // submissions from this thread

    private long parkSeq;        // odd while parked
    private long parkStartNanos;
    private long idleNanos;
    private long parks;
    private long steals;
    private long traceBusyNanos; // gap-measured pools: time in polls timed in trace mode
    volatile long sampledBusyNanos; // gap-measured pools: the watchdog's estimate in production
    volatile long sampledIdleNanos;
    volatile long sampledParks;
    private long lastBusy;

    private int pollDepth;
    private long gapStartNanos;
    private boolean parkTimed;

    WorkerProbe(PoolProbe pool, int index, Thread thread, WorkerProbe previous) {
        this.pool = pool;
        this.index = index;
        this.thread = thread;
        this.timer = new PollTimer(this);
        watch.startWatching(attachNanos); // the watchdog first sees this worker through the pool's lock
        if (previous != null) {
            basePolls = previous.polls();
            baseBusy = previous.busyNanos();
            baseIdle = previous.idleNanos();
            parks = previous.parks();
            steals = previous.steals();
        } else {
            basePolls = 0;
            baseBusy = 0;
            baseIdle = 0;
        }
    }

    /** As {@link #pollStart(long, boolean, Thread, Object)} with no task known at the start. */
    public void pollStart(long submitNanoTime, boolean stolen, Thread virtualThread) {
        pollStart(submitNanoTime, stolen, virtualThread, null);
    }

    /**
     * Marks the start of a poll on this worker. A poll started inside another poll (a task run
     * inside another task on the same worker) is part of the outer poll.
     *
     * @param submitNanoTime {@link System#nanoTime()} when the task was submitted or the virtual
     *        thread unparked, or {@link #NO_SUBMIT_TIME}; see {@link SubmitStamps}
     * @param stolen whether the task was taken from another worker's queue
     * @param virtualThread the virtual thread being mounted, or {@code null}
     * @param task the task, or its class, or {@code null}: named if the poll turns out long
     */
    public void pollStart(long submitNanoTime, boolean stolen, Thread virtualThread, Object task) {
        if (pollDepth++ > 0) {
            return; // a task run inside another (a helping join, a caller-runs rejection): one poll
        }
        CURRENT_TASK.setOpaque(this, task);
        CURRENT_VIRTUAL_THREAD.setOpaque(this, virtualThread);
        SEQ.setRelease(this, seq + 1);
        timer.start(submitNanoTime, stolen, virtualThread);
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
        if (gapStartNanos != 0) {
            gapEnd(); // a gap timed by a trace recording that has stopped since
        }
        CURRENT_TASK.setOpaque(this, task);
        SEQ.setRelease(this, seq + 1);
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
        if ((long) HANDOFF.getAcquire(this) == s || timer.timed()) {
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
        if (timer.timed()) {
            timer.end(taskClass);
        } else if ((long) HANDOFF.getAcquire(this) == s) {
            timer.endHandedOff(handoffEvent, taskClass);
        }
        timer.clear();
        CURRENT_TASK.setOpaque(this, null);
        CURRENT_VIRTUAL_THREAD.setOpaque(this, null);
        SEQ.setRelease(this, s + 1);
    }

    /** Marks the moment this worker starts waiting for work. */
    public void parkStart() {
        parkStartNanos = System.nanoTime();
        PARK_SEQ.setRelease(this, parkSeq + 1);
        WorkerParkEvent event = parkEvent;
        parkTimed = event.isEnabled();
        if (parkTimed) {
            event.begin();
            event.queuedAtPark = pool.queuedTasksSafely();
        }
    }

    /** Marks the moment this worker, waiting since {@link #parkStart}, has work again or exits. */
    public void parkEnd() {
        if ((parkSeq & 1) == 0) {
            return;
        }
        long elapsed = System.nanoTime() - parkStartNanos;
        PARKS.setOpaque(this, parks + 1);
        IDLE.setRelease(this, idleNanos + elapsed);
        PARK_SEQ.setRelease(this, parkSeq + 1);
        commitPark();
        parkTimed = false;
    }

    private void commitPark() {
        if (parkTimed) {
            WorkerParkEvent event = parkEvent;
            event.end();
            if (event.shouldCommit()) {
                event.pool = pool.name();
                event.worker = index;
                event.queuedTasks = Math.max(0, pool.queuedTasksSafely());
                event.commit();
            }
        }
    }

    /**
     * Marks the end of a poll on a worker whose waits for work cannot be seen directly: the gap to
     * the next {@link #gapEnd} may be a park. Only timed in trace mode; in production the watchdog
     * estimates such workers' idle time.
     */
    public void gapStart() {
        if (!gapIdle) {
            gapIdle = true; // once: a volatile write per poll would cost a fence on the hot path
        }
        gapStartNanos = 0;
        if (RecordingMode.trace) {
            gapStartNanos = System.nanoTime();
            parkTimed = parkEvent.isEnabled();
            if (parkTimed) {
                parkEvent.begin();
                parkEvent.queuedAtPark = -1; // a gap between polls: the queue may hold the next task
            }
        }
    }

    /**
     * Ends a gap started by {@link #gapStart}: in trace mode, it counts as a park (and idle time) only
     * if it lasted at least {@link #MIN_GAP_PARK_NANOS}; shorter gaps are the pool's own bookkeeping
     * between two tasks.
     */
    public void gapEnd() {
        if (gapStartNanos == 0) {
            return;
        }
        long elapsed = System.nanoTime() - gapStartNanos;
        gapStartNanos = 0;
        if (elapsed >= MIN_GAP_PARK_NANOS) {
            PARKS.setOpaque(this, parks + 1);
            IDLE.setRelease(this, idleNanos + elapsed);
            commitPark();
        }
        parkTimed = false;
    }

    /**
     * Records that this worker took a task from another worker's queue.
     *
     * @param victimQueue the index of the queue the task came from, or -1
     * @param taskClass the class of the stolen task, or {@code null}
     */
    public void steal(int victimQueue, Class<?> taskClass) {
        STEALS.setOpaque(this, steals + 1);
        TaskStealEvent event = stealEvent;
        if (event.shouldCommit()) {
            event.pool = pool.name();
            event.worker = index;
            event.victimQueue = victimQueue;
            event.taskClass = taskClass;
            event.commit();
        }
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

    void addTraceBusy(long elapsed) {
        if (gapIdle) {
            TRACE_BUSY.setOpaque(this, traceBusyNanos + elapsed);
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

    /** @return the virtual thread mounted by the running poll, or {@code null}. Any thread. */
    Thread currentVirtualThread() {
        return (Thread) CURRENT_VIRTUAL_THREAD.getOpaque(this);
    }

    /** Hands the watchdog's begun event to the worker for poll {@code s}. Watchdog thread only. */
    void handOff(TaskPollEvent event, long s) {
        handoffEvent = event;
        HANDOFF.setRelease(this, s);
    }

    /** @return the poll sequence number: odd while in a poll. Any thread. */
    long sequence() {
        return (long) SEQ.getAcquire(this);
    }

    /** @return whether idle time is measured as gaps between polls (library fork/join, scheduled) */
    boolean gapIdle() {
        return gapIdle;
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
        if (gapIdle) {
            busy = baseBusy + (long) TRACE_BUSY.getOpaque(this) + sampledBusyNanos;
        } else {
            long end = detachNanos != 0 ? detachNanos : System.nanoTime();
            busy = baseBusy + Math.max(0, (end - attachNanos) - (idleNanos() - baseIdle));
        }
        lastBusy = Math.max(lastBusy, busy);
        return lastBusy;
    }

    /** @return nanoseconds spent waiting for work, cumulative, including a park in progress */
    public long idleNanos() {
        while (true) {
            long ps = (long) PARK_SEQ.getAcquire(this);
            long idle = (long) IDLE.getAcquire(this);
            long start = parkStartNanos;
            VarHandle.acquireFence();
            if ((long) PARK_SEQ.getAcquire(this) == ps) {
                long ongoing = (ps & 1) != 0 && detachNanos == 0 ? Math.max(0, System.nanoTime() - start) : 0;
                return baseIdle + idle + ongoing + sampledIdleNanos;
            }
        }
    }

    /** @return times the worker waited for work, cumulative */
    public long parks() {
        return (long) PARKS.getOpaque(this) + sampledParks;
    }

    /** @return tasks taken from other workers' queues, cumulative */
    public long steals() {
        return (long) STEALS.getOpaque(this);
    }
}
