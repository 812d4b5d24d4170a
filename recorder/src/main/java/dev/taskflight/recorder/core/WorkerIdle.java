package dev.taskflight.recorder.core;

import dev.taskflight.events.park.WorkerParkEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's waits for work: parks, timed where the pool's waits can be seen, and gaps between polls
 * where they cannot (library fork/join and scheduled pools), with the cumulative idle time and park
 * count they add up to. Mutating methods run on the worker's own thread only; readers on any thread.
 */
final class WorkerIdle {

    private static final VarHandle PARK_SEQ;
    private static final VarHandle IDLE;
    private static final VarHandle PARKS;
    private static final VarHandle TRACE_BUSY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PARK_SEQ = lookup.findVarHandle(WorkerIdle.class, "parkSeq", long.class);
            IDLE = lookup.findVarHandle(WorkerIdle.class, "idleNanos", long.class);
            PARKS = lookup.findVarHandle(WorkerIdle.class, "parks", long.class);
            TRACE_BUSY = lookup.findVarHandle(WorkerIdle.class, "traceBusyNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PoolProbe pool;
    private final int index;
    private final WorkerParkEvent parkEvent = new WorkerParkEvent();
    private volatile boolean gapIdle;

    private long parkSeq;        // odd while parked
    private long parkStartNanos;
    private long idleNanos;
    private long parks;
    private long traceBusyNanos; // gap-measured pools: time in polls timed in trace mode
    volatile long sampledBusyNanos; // gap-measured pools: the watchdog's estimate in production
    volatile long sampledIdleNanos;
    volatile long sampledParks;
    private long gapStartNanos;
    private boolean parkTimed;

    WorkerIdle(PoolProbe pool, int index, long parksBefore) {
        this.pool = pool;
        this.index = index;
        this.parks = parksBefore;
    }

    /** See {@link WorkerProbe#parkStart()}. */
    void parkStart() {
        parkStartNanos = System.nanoTime();
        PARK_SEQ.setRelease(this, parkSeq + 1);
        WorkerParkEvent event = parkEvent;
        parkTimed = event.isEnabled() && !pool.muted();
        if (parkTimed) {
            event.begin();
            event.queuedAtPark = pool.queuedTasksOnWorker();
        }
    }

    /** See {@link WorkerProbe#parkEnd()}. */
    void parkEnd() {
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
                event.queuedTasks = Math.max(0, pool.queuedTasksOnWorker());
                event.commit();
            }
        }
    }

    /** See {@link WorkerProbe#gapStart()}. */
    void gapStart() {
        if (!gapIdle) {
            gapIdle = true; // once: a volatile write per poll would cost a fence on the hot path
        }
        gapStartNanos = 0;
        if (RecordingMode.trace) {
            gapStartNanos = System.nanoTime();
            parkTimed = parkEvent.isEnabled() && !pool.muted();
            if (parkTimed) {
                parkEvent.begin();
                parkEvent.queuedAtPark = -1; // a gap between polls: the queue may hold the next task
            }
        }
    }

    /** See {@link WorkerProbe#gapEnd()}; does nothing unless a gap is being timed. */
    void gapEnd() {
        if (gapStartNanos == 0) {
            return;
        }
        long elapsed = System.nanoTime() - gapStartNanos;
        gapStartNanos = 0;
        if (elapsed >= WorkerProbe.MIN_GAP_PARK_NANOS) {
            PARKS.setOpaque(this, parks + 1);
            IDLE.setRelease(this, idleNanos + elapsed);
            commitPark();
        }
        parkTimed = false;
    }

    /** Adds the time of a poll timed in trace mode, for gap-measured workers' busy time. */
    void addTraceBusy(long elapsed) {
        if (gapIdle) {
            TRACE_BUSY.setOpaque(this, traceBusyNanos + elapsed);
        }
    }

    /** @return whether idle time is measured as gaps between polls (library fork/join, scheduled) */
    boolean gapIdle() {
        return gapIdle;
    }

    /** @return the busy time of a gap-measured worker: timed polls plus the watchdog's estimate. Any thread. */
    long gapBusyNanos() {
        return (long) TRACE_BUSY.getOpaque(this) + sampledBusyNanos;
    }

    /**
     * Returns the time spent waiting for work, including a park in progress. Any thread.
     *
     * @param detached whether the worker has left its pool: a park in progress then no longer counts
     * @return nanoseconds, cumulative for this worker (not the workers that held its index before)
     */
    long idleNanos(boolean detached) {
        while (true) {
            long ps = (long) PARK_SEQ.getAcquire(this);
            long idle = (long) IDLE.getAcquire(this);
            long start = parkStartNanos;
            VarHandle.acquireFence();
            if ((long) PARK_SEQ.getAcquire(this) == ps) {
                long ongoing = (ps & 1) != 0 && !detached ? Math.max(0, System.nanoTime() - start) : 0;
                return idle + ongoing + sampledIdleNanos;
            }
        }
    }

    /** @return times the worker waited for work, cumulative over the index. Any thread. */
    long parks() {
        return (long) PARKS.getOpaque(this) + sampledParks;
    }
}
