package dev.taskflight.agent.child;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Two long polls on a plain {@code ThreadPoolExecutor} ("clocked-worker"), side by side: a
 * {@link SpinTask} that burns {@value #WORK_MILLIS} ms of its thread's CPU time, and a {@link NapTask}
 * that parks for {@value #WORK_MILLIS} ms in parks of {@value #PARK_MILLIS} ms, under the JDK's 20 ms
 * {@code jdk.ThreadPark} threshold. Recorded with the JDK's execution sampling off, neither has a sample
 * or a JDK event: only the threads' CPU clocks tell the one on CPU from the one off it.
 */
public final class CpuClockWorkload {

    public static final long WORK_MILLIS = 300;
    public static final long PARK_MILLIS = 5;

    /** Burns CPU. */
    public static final class SpinTask implements Runnable {
        @Override
        public void run() {
            CpuSpin.burn(WORK_MILLIS);
        }
    }

    /** Parks, in parks too short for the JDK to record. */
    public static final class NapTask implements Runnable {
        @Override
        public void run() {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORK_MILLIS);
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PARK_MILLIS));
            }
        }
    }

    private CpuClockWorkload() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, SchedulersWorkload.named("clocked-worker"));
        Future<?> spin = pool.submit(new SpinTask());
        Future<?> nap = pool.submit(new NapTask());
        spin.get();
        nap.get();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
