package dev.taskflight.recorder.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The submit times of sampled tasks of pools whose tasks the recorder does not wrap (the agent's
 * plain {@code ThreadPoolExecutor} and {@code ForkJoinPool}): while a recording runs, one submission
 * in {@link SubmitStamps#interval()} is remembered here by the task's identity, and the worker that
 * starts the task takes its submit time back, which makes its scheduling delay.
 *
 * <p>A small fixed table: no lock, no map; a sampled submission allocates one small weak entry, so
 * the table never keeps a task alive. Finding a task costs one volatile read while the table is
 * empty, the usual case (sampled tasks leave it when they start), and a scan of {@value #SLOTS}
 * slots otherwise. A sampled submission that finds the table full is not remembered, whatever its
 * delay will be, so the samples stay unbiased; entries whose task never ran on a recorded worker (it
 * was cancelled, or joined and run by its caller) leave when collected, after
 * {@link #MAX_AGE_NANOS}, or when the last recording stops.
 */
public final class SampledSubmissions {

    /** How many sampled tasks can wait at once. */
    static final int SLOTS = 16;
    /** How long an entry whose task has not started is kept: 10 minutes. */
    static final long MAX_AGE_NANOS = 600_000_000_000L;

    private static final AtomicReferenceArray<Stamp> TABLE = new AtomicReferenceArray<>(SLOTS);
    private static final VarHandle PENDING;
    @SuppressWarnings("unused") // through PENDING
    private static volatile int pending; // at least the number of occupied slots

    static {
        try {
            PENDING = MethodHandles.lookup().findStaticVarHandle(SampledSubmissions.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A sampled task, held weakly, and its submit time. */
    private static final class Stamp extends WeakReference<Object> {
        final long nanos;

        Stamp(Object task, long nanos) {
            super(task);
            this.nanos = nanos;
        }
    }

    private SampledSubmissions() {
    }

    /**
     * Decides whether the task being submitted now is sampled: only while a recording runs, one in
     * {@link SubmitStamps#interval()} at random.
     *
     * @return whether to {@link #remember} it
     */
    public static boolean sample() {
        return RecordingMode.recording() && SubmitStamps.sampled();
    }

    /**
     * Remembers a sampled task's submit time, unless the table is full.
     *
     * @param task the task as its worker will start it, not {@code null}
     * @param nanoTime its submit time, {@link System#nanoTime()}
     */
    public static void remember(Object task, long nanoTime) {
        expire(nanoTime);
        Stamp stamp = new Stamp(task, nanoTime);
        for (int i = 0; i < SLOTS; i++) {
            if (TABLE.get(i) == null) {
                PENDING.getAndAdd(1); // counted before it can be found, uncounted after it is taken
                if (TABLE.compareAndSet(i, null, stamp)) {
                    return;
                }
                PENDING.getAndAdd(-1);
            }
        }
    }

    /**
     * Takes back the submit time of a task that a worker starts now.
     *
     * @param task the task
     * @return its submit time, or {@link WorkerProbe#NO_SUBMIT_TIME} if it was not sampled
     */
    public static long take(Object task) {
        return pending == 0 ? WorkerProbe.NO_SUBMIT_TIME : find(task); // the per-task path: small enough to inline
    }

    /** Takes a task's submit time out of the table, if it is there. */
    private static long find(Object task) {
        for (int i = 0; i < SLOTS; i++) {
            Stamp s = TABLE.get(i);
            if (s != null) {
                Object t = s.get();
                if (t == task) {
                    return remove(i, s) ? s.nanos : WorkerProbe.NO_SUBMIT_TIME;
                }
                if (t == null) {
                    remove(i, s);
                }
            }
        }
        return WorkerProbe.NO_SUBMIT_TIME;
    }

    /** @return the number of sampled tasks remembered and not yet started */
    static int size() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (TABLE.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    /** Forgets every remembered task: no recording runs any more. */
    static void clear() {
        for (int i = 0; i < SLOTS; i++) {
            Stamp s = TABLE.get(i);
            if (s != null) {
                remove(i, s);
            }
        }
    }

    private static void expire(long now) {
        for (int i = 0; i < SLOTS; i++) {
            Stamp s = TABLE.get(i);
            if (s != null && (s.get() == null || now - s.nanos > MAX_AGE_NANOS)) {
                remove(i, s);
            }
        }
    }

    private static boolean remove(int i, Stamp s) {
        if (TABLE.compareAndSet(i, s, null)) {
            PENDING.getAndAdd(-1);
            return true;
        }
        return false;
    }
}
