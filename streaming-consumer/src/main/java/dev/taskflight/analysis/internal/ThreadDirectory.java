package dev.taskflight.analysis.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which threads are which pools' workers, learned from Taskflight events; bounded. Past
 * {@link #CAPACITY} threads, the thread named or looked up longest ago is forgotten: a live worker is
 * named again by its periodic {@code WorkerSample}, a thread that ended is not.
 */
public final class ThreadDirectory {

    /** The most threads remembered. */
    public static final int CAPACITY = 100_000;

    private final Map<Long, WorkerKey> workers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, WorkerKey> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records that a thread is a pool's worker. */
    public void put(long threadId, WorkerKey worker) {
        if (threadId >= 0) {
            workers.put(threadId, worker);
        }
    }

    /** Returns the worker a thread is, or {@code null}. */
    public WorkerKey get(long threadId) {
        return workers.get(threadId);
    }

    /** Adds the threads another directory knows. */
    public void merge(ThreadDirectory other) {
        other.workers.forEach(this::put);
    }

    /** Returns whether no worker thread is known. */
    public boolean isEmpty() {
        return workers.isEmpty();
    }
}
