package dev.taskflight.recorder.core;

import dev.taskflight.events.poll.PollCpuTimeEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The CPU clock of one worker's long polls: the watchdog reads the clock of the worker's thread while a
 * poll runs ({@link #read}) and begins a {@code PollCpuTime} event; the worker, when the poll ends long,
 * reads its own clock and commits the event ({@link #end}). The worker touches the event only after an
 * acquire read of the poll the watchdog released after its {@code begin()}, and the watchdog touches it
 * again only for a later poll, which starts after the worker's commit: one event object serves both
 * threads without a lock.
 */
final class PollCpu {

    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(PollCpu.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WorkerProbe worker;
    /** Begun by the watchdog when it reads the clock in a poll, ended and committed by the worker. */
    private final PollCpuTimeEvent event = new PollCpuTimeEvent();
    private long seq;   // the poll whose clock the watchdog read; written by the watchdog
    private long start; // the thread's CPU time then; written by the watchdog before seq

    PollCpu(WorkerProbe worker) {
        this.worker = worker;
    }

    /**
     * Reads the CPU clock of the worker's thread in poll {@code s}, which the watchdog sees running, and
     * begins the event the worker ends with the poll if it turns out long. Watchdog thread only.
     *
     * @param s the running poll's sequence number
     * @return whether the clock was read (the event is wanted, the poll is not a virtual thread's mount),
     *         whether or not the poll was still running after the read
     */
    boolean read(long s) {
        if (worker.pool().muted() || !event.isEnabled() || worker.currentVirtualThread() != null
                || !CpuClock.available()) {
            return false;
        }
        event.begin(); // before the read: the CPU time falls within the event
        long cpu = CpuClock.of(worker.thread());
        if (cpu >= 0 && worker.sequence() == s) { // else the poll ended meanwhile: no event for it
            start = cpu;
            SEQ.setRelease(this, s);
        }
        return true;
    }

    /**
     * Records the thread's CPU time in the long poll {@code s} that just ended, if the watchdog read the
     * clock while it ran: one read of the CPU clock, for long polls only. Worker thread only.
     *
     * @param s the ended poll's sequence number
     */
    void end(long s) {
        if ((long) SEQ.getAcquire(this) != s) {
            return;
        }
        PollCpuTimeEvent e = event;
        e.end();
        long cpu = CpuClock.current();
        if (cpu >= 0 && e.shouldCommit()) {
            e.pool = worker.pool().name();
            e.worker = worker.index();
            e.cpuTime = Math.max(0, cpu - start);
            e.commit();
        }
    }
}
