package dev.taskflight.recorder.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Threads' CPU time, from the operating system's per-thread CPU clocks ({@link ThreadMXBean}): about
 * 0.3 µs to read another thread's, 0.4 µs to read one's own (JDK 17 and 25 on Linux). Initialized by
 * the watchdog, so that a worker's first read loads nothing. Never throws: a clock that cannot be read
 * reads {@code -1}.
 */
final class CpuClock {

    private static final ThreadMXBean MX;
    private static final boolean AVAILABLE;

    static {
        ThreadMXBean mx = null;
        boolean available = false;
        try {
            mx = ManagementFactory.getThreadMXBean();
            available = mx.isThreadCpuTimeSupported() && mx.isCurrentThreadCpuTimeSupported()
                    && mx.getCurrentThreadCpuTime() >= 0; // links the native method here, not on a worker
        } catch (RuntimeException | LinkageError e) { // no java.management in the runtime, or no CPU clock
            available = false;
        }
        MX = mx;
        AVAILABLE = available;
    }

    private CpuClock() {
    }

    /** @return whether threads' CPU time can be read */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Returns a thread's CPU time.
     *
     * @param thread a platform thread
     * @return nanoseconds (user and system), or {@code -1} if it cannot be read (the thread ended, CPU time
     *         measurement disabled)
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    static long of(Thread thread) {
        if (!AVAILABLE) {
            return -1;
        }
        try {
            return MX.getThreadCpuTime(thread.getId());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Returns the current thread's CPU time.
     *
     * @return nanoseconds, or {@code -1} if it cannot be read (a virtual thread, measurement disabled)
     */
    static long current() {
        if (!AVAILABLE) {
            return -1;
        }
        try {
            return MX.getCurrentThreadCpuTime();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
