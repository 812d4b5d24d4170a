package dev.taskflight.analysis.internal;

import java.util.Comparator;

/** A worker of a pool: the pool's name and the worker's index (-1 when unknown). */
public record WorkerKey(String pool, int worker) implements Comparable<WorkerKey> {

    private static final Comparator<WorkerKey> ORDER =
            Comparator.comparing(WorkerKey::pool).thenComparingInt(WorkerKey::worker);

    /** Normalizes a missing pool name to {@code ""}. */
    public WorkerKey {
        pool = pool == null ? "" : pool;
    }

    @Override
    public int compareTo(WorkerKey other) {
        return ORDER.compare(this, other);
    }
}
