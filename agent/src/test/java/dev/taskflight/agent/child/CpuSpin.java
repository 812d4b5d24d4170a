package dev.taskflight.agent.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * CPU work measured in the thread's CPU time, so that a loaded machine stretches it instead of thinning it.
 *
 * <p>The work runs in bursts of half a millisecond of wall time between reads of the thread's CPU time, and reads
 * the clock only every thousand steps of a multiply-add chain: JDK 17's execution sampler drops most samples taken
 * in a loop that calls the clock at every step or spends its time reading the thread's CPU time, and a spin
 * without samples gives a test no evidence (measured: 2 of 40 expected samples for a per-step clock loop on JDK 17,
 * 36 of 40 for this shape).
 */
public final class CpuSpin {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long MAX_WALL_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long BURST_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private CpuSpin() {
    }

    /** Burns {@code millis} of this thread's CPU time (at most 20 s of wall time); returns a value so the work is not elided. */
    public static long burn(long millis) {
        long cpuEnd = THREADS.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long wallEnd = System.nanoTime() + MAX_WALL_NANOS;
        long x = 17;
        while (THREADS.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
            x = forWallNanos(x, BURST_NANOS);
        }
        return x;
    }

    /** Steps a multiply-add chain from {@code x} for {@code nanos} of wall time, reading the clock every thousand steps. */
    public static long forWallNanos(long x, long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }
}
