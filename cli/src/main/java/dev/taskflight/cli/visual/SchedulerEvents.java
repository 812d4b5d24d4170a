package dev.taskflight.cli.visual;

/**
 * What the timeline and the report draw, read from a recording one event at a time. Times are
 * nanoseconds since the epoch; a value the recording does not have is -1 or {@code ""}.
 */
public interface SchedulerEvents {

    /** One poll of a task on a worker. */
    record Poll(String pool, int worker, long threadId, String thread, long virtualId, String virtualThread,
            String task, long start, long duration, long delay, boolean stolen) {
        /** Returns when the poll ended. */
        public long end() {
            return start + duration;
        }
    }

    /** A worker idle from park to unpark. */
    record Park(String pool, int worker, long threadId, String thread, long start, long duration, long queued) {
    }

    /** One sample of a pool's queue and activity. */
    record QueueState(String pool, long time, long queued, int active, int poolSize) {
    }

    /** A JDK duration event on one thread: monitor, park, sleep, I/O, pinning. */
    record JdkSlice(long threadId, String name, String detail, long start, long duration) {
        /** Returns when it ended. */
        public long end() {
            return start + duration;
        }
    }

    /** A GC pause, on no worker. */
    record GcPause(String name, long start, long duration) {
    }

    /** A poll still running when the watchdog looked. */
    record Stuck(String pool, int worker, long threadId, String task, long time, long running, String stack) {
    }

    /** A CPU sample of one thread, its frames from the top. */
    record CpuSample(long threadId, String thread, long time, java.util.List<String> frames) {
    }

    /** Called for each event; the default ignores it. */
    interface Listener {
        /** A poll. */
        default void poll(Poll p) {
        }

        /** A park. */
        default void park(Park p) {
        }

        /** A queue sample. */
        default void queue(QueueState q) {
        }

        /** A JDK slice on a thread. */
        default void jdk(JdkSlice s) {
        }

        /** A GC pause. */
        default void gc(GcPause g) {
        }

        /** A poll in progress. */
        default void stuck(Stuck s) {
        }

        /** A CPU sample; only asked for when {@link #wantsCpuSamples()}. */
        default void cpuSample(CpuSample s) {
        }

        /** Returns whether CPU samples are read (they are many). */
        default boolean wantsCpuSamples() {
            return false;
        }
    }
}
