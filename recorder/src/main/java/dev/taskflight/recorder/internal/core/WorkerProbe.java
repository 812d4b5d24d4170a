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
 * and allocates nothing: the event objects are reused, and the counters are published with opaque
 * writes that the sampler thread reads with opaque reads. Events are timed only while they are
 * enabled; counters are always kept.
 */
public final class WorkerProbe {

    /** The submit time of a task whose submission was not timed. */
    public static final long NO_SUBMIT_TIME = Long.MIN_VALUE;

    /** The shortest gap between two polls that {@link #gapEnd} counts as a park: 50 µs. */
    public static final long MIN_GAP_PARK_NANOS = 50_000;

    private static final VarHandle POLLS;
    private static final VarHandle BUSY;
    private static final VarHandle IDLE;
    private static final VarHandle PARKS;
    private static final VarHandle STEALS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            POLLS = lookup.findVarHandle(WorkerProbe.class, "polls", long.class);
            BUSY = lookup.findVarHandle(WorkerProbe.class, "busyNanos", long.class);
            IDLE = lookup.findVarHandle(WorkerProbe.class, "idleNanos", long.class);
            PARKS = lookup.findVarHandle(WorkerProbe.class, "parks", long.class);
            STEALS = lookup.findVarHandle(WorkerProbe.class, "steals", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PoolProbe pool;
    private final int index;
    private final Thread thread;
    private final TaskPollEvent pollEvent = new TaskPollEvent();
    private final WorkerParkEvent parkEvent = new WorkerParkEvent();

    private long polls;
    private long busyNanos;
    private long idleNanos;
    private long parks;
    private long steals;

    private int pollDepth;
    private long pollStartNanos;
    private long parkStartNanos;
    private boolean pollTimed;
    private boolean parkTimed;

    WorkerProbe(PoolProbe pool, int index, Thread thread, WorkerProbe previous) {
        this.pool = pool;
        this.index = index;
        this.thread = thread;
        if (previous != null) {
            polls = previous.polls();
            busyNanos = previous.busyNanos();
            idleNanos = previous.idleNanos();
            parks = previous.parks();
            steals = previous.steals();
        }
    }

    /**
     * Marks the start of a poll on this worker. A poll started inside another poll (a task run
     * inside another task on the same worker) is part of the outer poll.
     *
     * @param submitNanoTime {@link System#nanoTime()} when the task was submitted or the virtual
     *        thread unparked, or {@link #NO_SUBMIT_TIME}
     * @param stolen whether the task was taken from another worker's queue
     * @param virtualThread the virtual thread being mounted, or {@code null}
     */
    public void pollStart(long submitNanoTime, boolean stolen, Thread virtualThread) {
        if (pollDepth++ > 0) {
            return; // a task run inside another (a helping join, a caller-runs rejection): one poll
        }
        long now = System.nanoTime();
        pollStartNanos = now;
        TaskPollEvent event = pollEvent;
        pollTimed = event.isEnabled();
        if (pollTimed) {
            event.begin();
            event.schedulingDelay = submitNanoTime == NO_SUBMIT_TIME
                    ? TaskPollEvent.UNKNOWN_DELAY
                    : Math.max(0, now - submitNanoTime);
            event.stolen = stolen;
            event.virtualThread = virtualThread;
        }
    }

    /**
     * Marks the end of the poll started by {@link #pollStart}, whether the task completed or threw.
     *
     * @param taskClass the class of the task that ran, or {@code null} if unknown
     */
    public void pollEnd(Class<?> taskClass) {
        if (--pollDepth > 0) {
            return;
        }
        long elapsed = System.nanoTime() - pollStartNanos;
        POLLS.setOpaque(this, polls + 1);
        BUSY.setOpaque(this, busyNanos + elapsed);
        if (pollTimed) {
            pollTimed = false;
            TaskPollEvent event = pollEvent;
            event.end();
            if (event.shouldCommit()) {
                event.pool = pool.name();
                event.worker = index;
                event.taskClass = taskClass;
                event.commit();
            }
            event.virtualThread = null;
        }
    }

    /** Marks the moment this worker starts waiting for work. */
    public void parkStart() {
        parkStartNanos = System.nanoTime();
        WorkerParkEvent event = parkEvent;
        parkTimed = event.isEnabled();
        if (parkTimed) {
            event.begin();
        }
    }

    /** Marks the moment this worker, waiting since {@link #parkStart}, has work again or exits. */
    public void parkEnd() {
        long elapsed = System.nanoTime() - parkStartNanos;
        PARKS.setOpaque(this, parks + 1);
        IDLE.setOpaque(this, idleNanos + elapsed);
        if (parkTimed) {
            parkTimed = false;
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
     * Ends an idle gap started by {@link #parkStart}, for pools whose workers' waits cannot be seen
     * directly: the gap counts as a park (and idle time) only if it lasted at least
     * {@link #MIN_GAP_PARK_NANOS}; shorter gaps are the pool's own bookkeeping between two tasks.
     */
    public void gapEnd() {
        long elapsed = System.nanoTime() - parkStartNanos;
        if (elapsed >= MIN_GAP_PARK_NANOS) {
            parkEnd();
        } else {
            parkTimed = false;
        }
    }

    /**
     * Records that this worker took a task from another worker's queue.
     *
     * @param victimQueue the index of the queue the task came from, or -1
     * @param taskClass the class of the stolen task, or {@code null}
     */
    public void steal(int victimQueue, Class<?> taskClass) {
        STEALS.setOpaque(this, steals + 1);
        TaskStealEvent event = new TaskStealEvent();
        if (event.shouldCommit()) {
            event.pool = pool.name();
            event.worker = index;
            event.victimQueue = victimQueue;
            event.taskClass = taskClass;
            event.commit();
        }
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
        return (long) POLLS.getOpaque(this);
    }

    /** @return nanoseconds spent in polls, cumulative */
    public long busyNanos() {
        return (long) BUSY.getOpaque(this);
    }

    /** @return nanoseconds spent waiting for work, cumulative */
    public long idleNanos() {
        return (long) IDLE.getOpaque(this);
    }

    /** @return times the worker waited for work, cumulative */
    public long parks() {
        return (long) PARKS.getOpaque(this);
    }

    /** @return tasks taken from other workers' queues, cumulative */
    public long steals() {
        return (long) STEALS.getOpaque(this);
    }
}
