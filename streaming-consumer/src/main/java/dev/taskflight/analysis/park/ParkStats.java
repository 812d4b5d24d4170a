package dev.taskflight.analysis.park;

/** Parks of one worker, from the park events seen. */
public final class ParkStats {

    long parks;
    long parkNanos;
    long withWork;
    long withWorkNanos;
    long maxQueued;
    long lastThreadId = Long.MIN_VALUE;

    /** Adds another part's statistics of the same worker. */
    void merge(ParkStats other) {
        parks += other.parks;
        parkNanos += other.parkNanos;
        withWork += other.withWork;
        withWorkNanos += other.withWorkNanos;
        maxQueued = Math.max(maxQueued, other.maxQueued);
    }

    /** Returns the park events seen. */
    public long parks() {
        return parks;
    }

    /** Returns their total duration. */
    public long parkNanos() {
        return parkNanos;
    }

    /** Returns the parks of the threshold or longer that woke to queued work. */
    public long withWork() {
        return withWork;
    }

    /** Returns the time spent in those parks. */
    public long withWorkNanos() {
        return withWorkNanos;
    }

    /** Returns the most tasks queued when such a park ended. */
    public long maxQueued() {
        return maxQueued;
    }
}
