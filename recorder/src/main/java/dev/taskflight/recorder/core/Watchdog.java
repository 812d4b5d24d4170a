package dev.taskflight.recorder.core;

import dev.taskflight.events.poll.TaskPollEvent;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The production mode's long-poll detector, after Vert.x's blocked-thread checker: a daemon thread
 * that, every {@link #PERIOD_NANOS}, reads each worker's poll sequence number. A poll it sees start
 * gets a {@code TaskPoll} event begun at the previous tick, which the worker ends and commits if the
 * poll was long enough: its start is at most one period early and its duration at most one period
 * long. A poll still running past the long-poll threshold is reported as {@code PollInProgress} with
 * the worker's stack. For workers whose waits cannot be seen (library fork/join and scheduled pools)
 * it also estimates busy and idle time from what it sees at each tick.
 *
 * <p>Runs only while a recording is running; never touches a worker thread beyond reading its
 * fields (and taking its stack, for a poll past the threshold).
 */
final class Watchdog implements Runnable {

    /** The period, 5 ms unless {@code -Dtaskflight.watchdog.periodMillis} says otherwise. */
    static final long PERIOD_NANOS =
            TimeUnit.MILLISECONDS.toNanos(Math.max(1, Integer.getInteger("taskflight.watchdog.periodMillis", 5)));

    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
    private static final Object LOCK = new Object();
    private static Thread thread;
    private static volatile boolean wanted;
    private static boolean failed;

    private final StallReporter stalls = new StallReporter();

    /**
     * Starts or stops the watchdog.
     *
     * @param run whether a recording is running
     */
    static void follow(boolean run) {
        synchronized (LOCK) {
            wanted = run;
            if (run && (thread == null || !thread.isAlive())) {
                Thread t = new Thread(null, new Watchdog(), "taskflight-watchdog", 256 * 1024, false);
                t.setDaemon(true);
                thread = t;
                t.start();
            } else if (!run && thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    @Override
    public void run() {
        while (true) {
            synchronized (LOCK) {
                if (!wanted) {
                    thread = null;
                    return;
                }
            }
            try {
                tick(System.nanoTime());
            } catch (RuntimeException | LinkageError e) {
                if (!failed) {
                    failed = true;
                    LOG.log(Level.WARNING, "Taskflight watchdog: " + e);
                }
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    private void tick(long now) {
        boolean trace = RecordingMode.trace;
        long stallNanos = Math.max(RecordingMode.longPollNanos(), RecordingMode.WATCHDOG_THRESHOLD_NANOS);
        for (PoolProbe pool : PoolRegistry.pools()) {
            for (WorkerProbe w : pool.workers()) {
                look(w, now, trace, stallNanos);
            }
        }
    }

    /** One tick's look at one worker. */
    private void look(WorkerProbe w, long now, boolean trace, long stallNanos) {
        WatchState st = w.watch;
        // Begun before the sequence number is read: an event handed off at the next tick began
        // before the poll it times, even if this thread is descheduled in between.
        TaskPollEvent next = null;
        if (!trace) {
            next = st.spare != null ? st.spare : new TaskPollEvent();
            next.begin();
        }
        long s = w.sequence();
        long dt = now - st.lastTick;
        if (s != st.seq) {
            if ((s & 1) != 0) { // a poll that started after the last tick read the sequence number
                st.pollSince = st.lastTick;
                st.nextReport = stallNanos;
                if (!trace && st.armed != null) {
                    w.handOff(st.armed, s);
                    st.armed = null;
                }
            }
            if (w.idle.gapIdle() && !trace) {
                w.idle.sampledBusyNanos += dt;
            }
            st.idle = false;
            st.seq = s;
        } else if ((s & 1) != 0) { // the same poll, still running
            if (w.idle.gapIdle() && !trace) {
                w.idle.sampledBusyNanos += dt;
            }
            long running = now - st.pollSince;
            if (running >= st.nextReport) {
                boolean first = st.nextReport == stallNanos;
                st.nextReport = Math.max(st.nextReport * 2, running + PERIOD_NANOS);
                stalls.report(w, s, running, first);
            }
        } else if (w.idle.gapIdle() && !trace) { // between polls since the last tick
            w.idle.sampledIdleNanos += dt;
            if (!st.idle) {
                w.idle.sampledParks++;
            }
            st.idle = true;
        }
        st.spare = st.armed;
        st.armed = next;
        st.lastTick = now;
    }
}
