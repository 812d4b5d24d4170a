package dev.taskflight.events;

/**
 * The names of the threads Taskflight starts in the JVM it records (the recorder's watchdog, the agent's
 * start-up threads, the in-process stream, the metrics exporter): each begins with {@link #PREFIX}, so
 * that an analysis tells them from the application's threads. What they run is Taskflight's work, never
 * the application's unseen work.
 */
public final class ThreadNames {

    /** The prefix of every thread Taskflight starts: {@value}. */
    public static final String PREFIX = "taskflight-";

    private ThreadNames() {
    }

    /**
     * Returns whether a thread is one Taskflight started.
     *
     * @param threadName the thread's name, not {@code null}
     * @return {@code true} if it begins with {@link #PREFIX}
     */
    public static boolean isTaskflight(String threadName) {
        return threadName.startsWith(PREFIX);
    }
}
