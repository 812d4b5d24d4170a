package dev.taskflight.agent.internal.virtual;

import dev.taskflight.recorder.core.WorkerProbe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Per-virtual-thread facts the agent cannot store in {@code java.lang.VirtualThread} itself (the
 * class is loaded before any agent runs, so no field can be added): the class of its task and the
 * time of its last sampled submission to the scheduler. A fixed table indexed by thread id, kept in
 * three parallel arrays: no map, no lock, and no allocation, neither per virtual thread nor per submit
 * or mount. (An object per virtual thread, kept until 16 384 threads later, outlived young collections
 * at a service's rate of thread creation and cost the GC about 20 ns a task: BENCHMARKS.md.) When more
 * virtual threads are alive than the table has slots, the older ones lose their entry and report an
 * unknown delay and their own class instead.
 *
 * <p>A slot is claimed the way a sequence lock is written, the thread id standing for the sequence
 * (ids are never reused): its creator first marks the slot as no thread's, then writes the class and
 * clears the stamp, then publishes the id. A reader reads the id, the value, then the id again, and
 * keeps the value only if both reads are its thread's. A sampled submit that finds its slot taken by a
 * newer thread after writing its stamp takes the stamp back, so that no thread reports another's
 * submit time.
 */
final class VtTable {

    /** The number of slots. */
    static final int SIZE = 1 << 14;
    /** The id of a slot being claimed: no thread's. */
    private static final long CLAIMING = -1;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CLASSES = MethodHandles.arrayElementVarHandle(Class[].class);

    private static final long[] IDS = new long[SIZE];
    private static final Class<?>[] TASK_CLASSES = new Class<?>[SIZE];
    private static final long[] SUBMITS = new long[SIZE];

    static {
        Arrays.fill(IDS, CLAIMING);
        Arrays.fill(SUBMITS, WorkerProbe.NO_SUBMIT_TIME);
    }

    private VtTable() {
    }

    /**
     * A virtual thread was created: its slot is now its own.
     *
     * @param threadId its id
     * @param taskClass its task's class
     */
    static void created(long threadId, Class<?> taskClass) {
        int s = slot(threadId);
        // opaque, not volatile: the release writes below order it before themselves, which is all a
        // reader's second read of the id needs, and a volatile write's fence cost the creator ~20 ns
        LONGS.setOpaque(IDS, s, CLAIMING);
        if (CLASSES.getAcquire(TASK_CLASSES, s) != taskClass) { // mostly the same class: no write, no card marked
            CLASSES.setRelease(TASK_CLASSES, s, taskClass);
        }
        LONGS.setRelease(SUBMITS, s, WorkerProbe.NO_SUBMIT_TIME);
        LONGS.setRelease(IDS, s, threadId);
    }

    /**
     * Returns a virtual thread's task class.
     *
     * @param threadId its id
     * @return its task's class, or {@code null} if its slot is another thread's
     */
    static Class<?> taskClass(long threadId) {
        int s = slot(threadId);
        if ((long) LONGS.getAcquire(IDS, s) != threadId) {
            return null;
        }
        Class<?> taskClass = (Class<?>) CLASSES.getAcquire(TASK_CLASSES, s);
        VarHandle.loadLoadFence();
        return (long) LONGS.getAcquire(IDS, s) == threadId ? taskClass : null;
    }

    /**
     * A sampled submit of a virtual thread: remembers its time until the thread's next mount.
     *
     * @param threadId its id
     * @param nanos the submit's time, {@link System#nanoTime()}
     */
    static void submitted(long threadId, long nanos) {
        int s = slot(threadId);
        if ((long) LONGS.getAcquire(IDS, s) != threadId) {
            return;
        }
        LONGS.setVolatile(SUBMITS, s, nanos);
        if ((long) LONGS.getVolatile(IDS, s) != threadId) { // a newer thread claimed the slot meanwhile
            LONGS.compareAndSet(SUBMITS, s, nanos, WorkerProbe.NO_SUBMIT_TIME);
        }
    }

    /**
     * A virtual thread is mounted: returns the time of its sampled submit, if one is remembered, and
     * forgets it.
     *
     * @param threadId its id
     * @return the submit's time, or {@link WorkerProbe#NO_SUBMIT_TIME}
     */
    static long takeSubmit(long threadId) {
        int s = slot(threadId);
        if ((long) LONGS.getAcquire(IDS, s) != threadId) {
            return WorkerProbe.NO_SUBMIT_TIME;
        }
        long nanos = (long) LONGS.getAcquire(SUBMITS, s);
        if (nanos == WorkerProbe.NO_SUBMIT_TIME // the usual case, submits being sampled: no write
                || !LONGS.compareAndSet(SUBMITS, s, nanos, WorkerProbe.NO_SUBMIT_TIME)) {
            return WorkerProbe.NO_SUBMIT_TIME;
        }
        return (long) LONGS.getVolatile(IDS, s) == threadId ? nanos : WorkerProbe.NO_SUBMIT_TIME;
    }

    private static int slot(long threadId) {
        return (int) (threadId & (SIZE - 1));
    }
}
