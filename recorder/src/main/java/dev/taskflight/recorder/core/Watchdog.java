package dev.taskflight.recorder.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The production mode's long-poll detector, after Vert.x's blocked-thread checker: a daemon thread
 * that, every {@link #PERIOD_NANOS}, reads each worker's poll sequence number, and backs off (up to
 * {@link #MAX_PERIOD_NANOS}) while no tick needs it: see {@link #nextPeriod()}.
 *
 * <ul>
 * <li>It decides, per worker, whether production polls are <em>timed</em> on the worker (its polls
 *     last {@link #MIN_TIMED_CYCLE_NANOS} or more on average since the last tick: two reads of JFR's
 *     clock per poll fit the budget) or <em>watched</em>. A timed poll's {@code TaskPoll} is exact
 *     whatever the watchdog does.</li>
 * <li>A watched poll it sees running is marked (one release write); the worker then ends the event it
 *     began at its last stamp ({@link PollTimer}) and commits it if the poll was long enough. The
 *     event never starts before the worker's previous recorded poll or park ended, and never depends
 *     on when this thread ran; a long watched poll it never sees running is recorded by its worker at
 *     the next stamp or park, in the window of polls between two stamps, with no task class.</li>
 * <li>A poll still running past the long-poll threshold is reported as {@code PollInProgress} with the
 *     worker's stack, again each time its running time doubles, and again when a recording starts.</li>
 * <li>For workers whose waits cannot be seen (library fork/join and scheduled pools) it estimates busy
 *     and idle time from what it sees at each tick.</li>
 * <li>It reads the CPU clock of a running poll's thread, once a poll and {@link #CPU_READS_PER_TICK} a tick
 *     at most, so that the worker can record the CPU time of the poll from then if it turns out long
 *     ({@code PollCpuTime}).</li>
 * </ul>
 *
 * <p>Runs only while a recording is running; never touches a worker thread beyond reading its fields and
 * CPU clock, writing those the worker reads ({@link WorkerProbe#handOff}, {@link WorkerProbe#timePolls},
 * {@link PollCpu#read}), and taking its stack for a poll past the threshold. Tests drive an instance with {@link #tick(long)}.
 */
final class Watchdog implements Runnable {

    /** The period, 5 ms unless {@code -Dtaskflight.watchdog.periodMillis} says otherwise. */
    static final long PERIOD_NANOS =
            TimeUnit.MILLISECONDS.toNanos(Math.max(1, Integer.getInteger("taskflight.watchdog.periodMillis", 5)));

    /**
     * The longest period the watchdog backs off to while nothing needs it: 40 ms unless
     * {@code -Dtaskflight.watchdog.maxPeriodMillis} says otherwise, and never under {@link #PERIOD_NANOS}.
     */
    static final long MAX_PERIOD_NANOS = Math.max(PERIOD_NANOS,
            TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("taskflight.watchdog.maxPeriodMillis", 40)));

    /**
     * How long the watchdog keeps its period after a worker recorded a long poll it timed itself: 1 s.
     * Long polls come in series (a slow dependency, a lock), and a series of polls each shorter than
     * the backed-off period would otherwise pass with no tick seeing one running twice, so with no
     * {@code PollInProgress} and no stack.
     */
    static final long HOLD_NANOS = 1_000_000_000L;

    /**
     * The mean time from poll start to poll start at or above which a worker's production polls are
     * timed on the worker: 50 µs, where two reads of JFR's clock (about 50 ns together) cost at most
     * 0.1%. Shorter polls are watched, their stamps spaced by {@link #stampSpacing}: 5 to
     * {@link PollTimer#STAMP_EVERY} polls, 2 clock reads for all of them.
     */
    static final long MIN_TIMED_CYCLE_NANOS = 50_000;

    /**
     * The most workers' CPU clocks one tick reads ({@link PollCpu#read}), about 0.3 µs each. A poll's
     * clock is read once: when a tick sees it still running, or already when a tick first sees it if a
     * worker recorded a long poll in the last {@link #HOLD_NANOS} (long polls come in series), and at a
     * later tick if this many were read before it; so every long poll of a crowded pool has its turn, the
     * cost stays bounded (at most 1 600 reads a second, at the shortest period), and a pool whose polls are
     * all short has none read.
     */
    static final int CPU_READS_PER_TICK = 8;

    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
    private static final Object LOCK = new Object();
    private static Thread thread;
    private static volatile boolean wanted;
    private static boolean failed;

    private static final AtomicLong RUNS = new AtomicLong();

    /** This watchdog's number: a worker's first look by it is {@link WatchState#lookedBy} != run. */
    private final long run = RUNS.incrementAndGet();
    private final Supplier<? extends Iterable<PoolProbe>> pools;
    private final LongSupplier clock;
    private final StallReporter stalls = new StallReporter();
    /** Whether the last tick found a reason to look again one {@link #PERIOD_NANOS} later. */
    private boolean needed = true;
    private long period = PERIOD_NANOS;
    /** Whether a long poll was recorded and the ticks until {@link #holdUntil} keep the period. */
    private boolean holding;
    private long holdUntil;
    /** {@link RecordingMode#recordingStarts()} at the last tick. */
    private long recordingStarts = RecordingMode.recordingStarts();
    /**
     * Whether a recording started since the last tick: the polls already reported as running are reported
     * again at this tick, so that the new recording (a stream just opened) learns of them now rather than
     * when their running time next doubles, which for a poll stuck an hour is an hour away.
     */
    private boolean reportAgain;
    /** The CPU clocks this tick may still read. */
    private int cpuReads;

    /**
     * Creates a watchdog; the recorder's runs over the registered pools on {@link System#nanoTime()}.
     *
     * @param pools the pools to watch
     * @param clock the clock {@link #run()} ticks with
     */
    Watchdog(Supplier<? extends Iterable<PoolProbe>> pools, LongSupplier clock) {
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * Starts or stops the watchdog.
     *
     * @param run whether a recording is running
     */
    static void follow(boolean run) {
        synchronized (LOCK) {
            wanted = run;
            if (run && (thread == null || !thread.isAlive())) {
                Watchdog watchdog = new Watchdog(new RegistryPools(), new NanoClock());
                Thread t = new Thread(null, watchdog, "taskflight-watchdog", 256 * 1024, false);
                t.setDaemon(true);
                thread = t;
                t.start();
            } else if (!run && thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * The registered pools. A named class, not a method reference: {@link #follow} runs on the thread that
     * starts a recording, where linking one would spin a class.
     */
    static final class RegistryPools implements Supplier<Iterable<PoolProbe>> {
        @Override
        public Iterable<PoolProbe> get() {
            return PoolRegistry.pools();
        }
    }

    /** {@link System#nanoTime()}, as {@link RegistryPools} is the registry. */
    static final class NanoClock implements LongSupplier {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    }

    @Override
    public void run() {
        while (true) {
            synchronized (LOCK) {
                if (!wanted) {
                    release();
                    thread = null;
                    return;
                }
            }
            try {
                tick(clock.getAsLong());
            } catch (RuntimeException | LinkageError e) {
                if (!failed) {
                    failed = true;
                    LOG.log(Level.WARNING, "Taskflight watchdog: " + e);
                }
            }
            // the watchdog as the blocker: JFR's jdk.ThreadPark events of these waits (each one at or over the
            // recording's threshold, 20 ms in JFR's default) name it as the parked class
            LockSupport.parkNanos(this, nextPeriod());
        }
    }

    /**
     * The time until the next tick: {@link #PERIOD_NANOS} after a tick that found a worker needing it,
     * else twice the last period, up to {@link #MAX_PERIOD_NANOS}. A tick needs the next one soon when
     * a worker's idle time is estimated from the ticks (gap-measured pools in production), or when a poll seen at
     * the tick before is still running (it may pass the threshold: its report, with its stack, is due),
     * and for {@link #HOLD_NANOS} after a worker recorded a long poll. Otherwise every worker is idle,
     * or in a poll that started since the tick before, and finds its own long polls: a timed worker
     * records each exactly, a watched one each that a tick saw running exactly and the others in their
     * window ({@link PollTimer#closeWindow}), whatever this thread does, and only the report of a poll
     * still running waits longer, by at most {@link #MAX_PERIOD_NANOS}. The wake-ups
     * are the watchdog's whole cost, and they cost most when every core is busy, where they take a core
     * from a worker.
     *
     * @return the nanoseconds to wait before the next tick
     */
    long nextPeriod() {
        period = needed ? PERIOD_NANOS : Math.min(period * 2, MAX_PERIOD_NANOS);
        return period;
    }

    /** Stops timing polls on every worker: no recording runs any more. */
    void release() {
        for (PoolProbe pool : pools.get()) {
            for (WorkerProbe w : pool.workers()) {
                if (w.watch.timed) {
                    w.watch.timed = false;
                    w.timePolls(false);
                }
            }
        }
    }

    /**
     * Looks at every worker once.
     *
     * @param now the time, in {@link System#nanoTime()} terms
     */
    void tick(long now) {
        long starts = RecordingMode.recordingStarts();
        reportAgain = starts != recordingStarts;
        recordingStarts = starts;
        boolean trace = RecordingMode.trace;
        long stallNanos = RecordingMode.stallNanos();
        boolean timeable = RecordingMode.longPollNanos() >= RecordingMode.WATCHDOG_THRESHOLD_NANOS;
        boolean need = false;
        cpuReads = CPU_READS_PER_TICK;
        for (PoolProbe pool : pools.get()) {
            pool.prepare();
            if (pool.longPollEnded) {
                pool.longPollEnded = false;
                holding = true;
                holdUntil = now + HOLD_NANOS;
            }
            for (WorkerProbe w : pool.workers()) {
                need |= look(w, now, trace, timeable, stallNanos);
            }
        }
        if (holding && now - holdUntil >= 0) {
            holding = false;
        }
        needed = need || holding;
    }

    /**
     * One tick's look at one worker.
     *
     * @return whether the worker needs the next tick one {@link #PERIOD_NANOS} from now
     */
    private boolean look(WorkerProbe w, long now, boolean trace, boolean timeable, long stallNanos) {
        WatchState st = w.watch;
        long s = w.sequence();
        long dt = Math.max(0, now - st.lastTick); // a worker attached after this tick read the clock
        if (!trace) {
            timeIfIdle(w, st, s, now, timeable);
            decide(w, st, s, now, timeable);
        }
        boolean need = !trace && w.idle.gapIdle();
        if (s != st.seq) {
            if ((s & 1) != 0) { // a poll that started after the last tick read the sequence number
                st.pollSince = st.lastTick;
                st.firstSeen = now;
                st.nextReport = stallNanos;
                st.stackOwed = false;
                if (!trace) {
                    w.handOff(s);
                }
                st.cpuRead = false;
                if (holding) { // long polls of late: this one may be one, read it from early on
                    readCpu(w, st, s);
                }
            }
            if (w.idle.gapIdle() && !trace) {
                w.idle.sampledBusyNanos += dt;
            }
            st.idle = false;
            st.seq = s;
        } else if ((s & 1) != 0) { // the same poll, still running
            need = true;
            readCpu(w, st, s);
            if (w.idle.gapIdle() && !trace) {
                w.idle.sampledBusyNanos += dt;
            }
            long running = now - st.pollSince;
            if (reportAgain && st.nextReport > stallNanos) {
                st.nextReport = running; // reported before a recording started: report it into that one too, now
            }
            // seen running for threshold - period at least: after a backed-off period, the tick before
            // it was first seen can be far earlier than its start
            if (running >= st.nextReport && now - st.firstSeen >= stallNanos - PERIOD_NANOS) {
                boolean first = st.nextReport == stallNanos;
                st.nextReport = Math.max(st.nextReport * 2, running + PERIOD_NANOS);
                st.stackOwed = stalls.report(w, s, running, first, now, false);
                st.stackRetryAt = now + StallReporter.RETRY_NANOS;
            } else if (st.stackOwed && now - st.stackRetryAt >= 0) {
                st.stackOwed = stalls.report(w, s, running, false, now, true);
                st.stackRetryAt = now + StallReporter.RETRY_NANOS;
            }
        } else if (w.idle.gapIdle() && !trace) { // between polls since the last tick
            w.idle.sampledIdleNanos += dt;
            if (!st.idle) {
                w.idle.sampledParks++;
            }
            st.idle = true;
        }
        st.lastTick = now;
        return need;
    }

    /** Reads the CPU clock of the worker's running poll {@code s}, once, if this tick may read one more. */
    private void readCpu(WorkerProbe w, WatchState st, long s) {
        if (!st.cpuRead && cpuReads > 0 && w.cpu.read(s)) {
            st.cpuRead = true;
            cpuReads--;
        }
    }

    /**
     * Times a watched worker that is idle and has had no poll since the tick before (or that this
     * watchdog sees for the first time, idle), as a worker that starts while a recording runs is timed
     * ({@link WatchState#startWatching}): its next polls need no tick, and {@link #decide} watches it
     * again after {@link PollTimer#STAMP_EVERY} of them if they are fine-grained. An idle watched worker
     * would otherwise keep the watchdog at {@link #PERIOD_NANOS}: a fine-grained pool between bursts, an
     * event loop with no traffic, or a pool made before the recording started ({@code jcmd JFR.start},
     * or at start-up before the agent's recording) whose threads have run nothing since. The cost is two
     * clock reads for each of those polls, and only after an idle tick, when the worker has CPU to spare.
     */
    private void timeIfIdle(WorkerProbe w, WatchState st, long s, long now, boolean timeable) {
        boolean first = st.lookedBy != run;
        st.lookedBy = run;
        if (timeable && !st.timed && (s & 1) == 0 && (first || s == st.seq) && !w.idle.gapIdle()) {
            st.timed = true;
            st.decidedSeq = s;
            st.decidedAt = now;
            st.decidedIdle = w.idleNanos();
            w.timePolls(true);
        }
    }

    /**
     * Times the worker's polls if they have lasted {@link #MIN_TIMED_CYCLE_NANOS} or more on average
     * since the last decision, counting the time since then less the worker's waits for work in it (so
     * that a burst of short polls after a pause is not timed for the pause). Decides
     * only once a poll has ended since, and watches a timed worker only once
     * {@link PollTimer#STAMP_EVERY} polls have (no evidence, no change); a worker that attached after
     * this tick read the clock waits for the next.
     */
    private static void decide(WorkerProbe w, WatchState st, long s, long now, boolean timeable) {
        long polls = (s >>> 1) - (st.decidedSeq >>> 1);
        long elapsed = now - st.decidedAt;
        if (timeable && (polls <= 0 || elapsed < 0 || st.timed && polls < PollTimer.STAMP_EVERY)) {
            return;
        }
        long idle = w.idleNanos();
        long busy = elapsed - Math.max(0, idle - st.decidedIdle); // a burst after a pause: its polls, not the pause
        boolean timed = timeable && polls * MIN_TIMED_CYCLE_NANOS <= busy;
        st.decidedSeq = s;
        st.decidedAt = now;
        st.decidedIdle = idle;
        if (!timed && polls > 0) {
            w.stampEvery(stampSpacing(polls, busy));
        }
        if (timed != st.timed) {
            st.timed = timed;
            w.timePolls(timed);
        }
    }

    /**
     * How many polls a watched worker runs from one stamp to the next: as many as take
     * {@link PollTimer#STAMP_SPAN_NANOS} at the polls' average, from 1 to {@link PollTimer#STAMP_EVERY}.
     * So a watched poll starts early by the time of those before it since the stamp, about 250 µs at
     * most at their average, and the stamps cost two clock reads per 250 µs of polls at most (one in
     * {@code STAMP_EVERY} polls for polls under about 16 µs).
     *
     * @param polls the polls that ended in {@code elapsed}, at least 1
     * @param elapsed the nanoseconds they took, from poll start to poll start
     * @return the stamp spacing, in polls
     */
    static int stampSpacing(long polls, long elapsed) {
        if (elapsed <= 0) {
            return PollTimer.STAMP_EVERY;
        }
        return (int) Math.max(1, Math.min(PollTimer.STAMP_EVERY, PollTimer.STAMP_SPAN_NANOS * polls / elapsed));
    }
}
