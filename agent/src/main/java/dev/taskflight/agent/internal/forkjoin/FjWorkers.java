package dev.taskflight.agent.internal.forkjoin;

import dev.taskflight.recorder.core.WorkerProbe;

/**
 * The agent's per-thread cache of {@code ForkJoinPool} workers: for each worker thread it has seen,
 * the worker's probe (or none, for a worker of a pool it does not record) and the facts the hot path
 * needs. A table indexed by thread id, each thread's slot first, then the others of its set of four:
 * finding the current worker is one array read and one comparison of the thread, with no lock, no map and no allocation. The JDK classes
 * cannot get a field of their own (the agent weaves without changing class formats), and a
 * thread-local would not do: the common pool erases its workers' thread-locals.
 *
 * <p>Entries are immutable and published by a plain write: a thread only ever uses its own entry,
 * which it wrote itself; other threads only compare the entry's final thread field. A worker removes
 * its entry when it exits; the entry of a worker whose exit was not seen (it started before the
 * agent) is replaced once its slot is needed.
 */
final class FjWorkers {

    /** One worker thread as the hot path sees it. */
    static final class Entry {
        final Thread thread;
        /** The worker's probe, or {@code null} if its pool is not recorded by the agent. */
        final WorkerProbe probe;
        /** The worker's index in its pool's queues; fixed for the worker's life. */
        final int poolIndex;
        /** Whether the pool mounts virtual threads (its polls are recorded as mounts). */
        final boolean virtualThreadScheduler;

        Entry(Thread thread, WorkerProbe probe, int poolIndex, boolean virtualThreadScheduler) {
            this.thread = thread;
            this.probe = probe;
            this.poolIndex = poolIndex;
            this.virtualThreadScheduler = virtualThreadScheduler;
        }
    }

    private static final int SIZE = 1 << 13;
    private static final int MASK = SIZE - 1;
    private static final int WAYS = 4;
    private static final Entry[] TABLE = new Entry[SIZE];

    private FjWorkers() {
    }

    /**
     * Returns the cached entry of a thread.
     *
     * @param thread the current thread
     * @return its entry, or {@code null} if it has none yet
     */
    static Entry get(Thread thread) {
        int home = slot(thread);
        Entry e = TABLE[home];
        if (e != null && e.thread == thread) {
            return e;
        }
        return inSet(thread, home);
    }

    private static Entry inSet(Thread thread, int home) {
        int set = home & ~(WAYS - 1);
        for (int i = set; i < set + WAYS; i++) {
            Entry e = TABLE[i];
            if (e != null && e.thread == thread) {
                return e;
            }
        }
        return null;
    }

    /**
     * Caches the current thread's entry: in its own slot if that is free (or held by a thread that
     * has exited), else in a free slot of its set, else in its own slot.
     *
     * @param entry the current thread's entry
     */
    static void put(Entry entry) {
        remove(entry.thread);
        int home = slot(entry.thread);
        int set = home & ~(WAYS - 1);
        int chosen = home;
        for (int i = 0; i < WAYS; i++) {
            int s = set + ((home + i) & (WAYS - 1));
            Entry e = TABLE[s];
            if (e == null || !e.thread.isAlive()) {
                chosen = s;
                break;
            }
        }
        TABLE[chosen] = entry;
    }

    /**
     * Removes the current thread's entry, when it exits.
     *
     * @param thread the current thread
     */
    static void remove(Thread thread) {
        int set = slot(thread) & ~(WAYS - 1);
        for (int i = set; i < set + WAYS; i++) {
            Entry e = TABLE[i];
            if (e != null && e.thread == thread) {
                TABLE[i] = null;
            }
        }
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, the agent compiles for 17
    private static int slot(Thread thread) {
        return (int) thread.getId() & MASK;
    }
}
