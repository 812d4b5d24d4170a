package dev.taskflight.agent.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/** CPU work measured in the thread's CPU time, so that a loaded machine stretches it instead of thinning it. */
final class CpuSpin {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long MAX_WALL_NANOS = TimeUnit.SECONDS.toNanos(20);

    private CpuSpin() {
    }

    /** Burns {@code millis} of this thread's CPU time (at most 20 s of wall time); returns a value so the work is not elided. */
    static long burn(long millis) {
        long cpuEnd = THREADS.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long wallEnd = System.nanoTime() + MAX_WALL_NANOS;
        long x = 17;
        while (THREADS.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
            for (int i = 0; i < 20_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }
}
