package dev.taskflight.agent.child;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.Dispatchers;

/**
 * A Java program using kotlinx-coroutines without Kotlin code: tasks that spin on
 * {@code Dispatchers.Default}, tasks that sleep on {@code Dispatchers.IO}, and a coroutine started
 * by {@code runBlocking(Dispatchers.Default)}. Its output is the same on every run.
 */
public final class CoroutinesWorkload {

    public static final int SPINS = 8;
    public static final long SPIN_MILLIS = 150;
    public static final int SLEEPS = 6;
    /** Long enough that the production watchdog sees each sleep even when a loaded machine starves it. */
    public static final long SLEEP_MILLIS = 200;

    private CoroutinesWorkload() {
    }

    public static void main(String[] args) throws Exception {
        CpuSpin.burn(1); // initialised here, not by two workers at once (a class-init wait in a poll)
        CountDownLatch spun = new CountDownLatch(SPINS);
        for (int i = 0; i < SPINS; i++) {
            Dispatchers.getDefault().dispatch(EmptyCoroutineContext.INSTANCE, () -> {
                spinOnCpu(SPIN_MILLIS);
                spun.countDown();
            });
        }
        await(spun);
        CountDownLatch slept = new CountDownLatch(SLEEPS);
        for (int i = 0; i < SLEEPS; i++) {
            Dispatchers.getIO().dispatch(EmptyCoroutineContext.INSTANCE, () -> {
                sleepOnIo(SLEEP_MILLIS);
                slept.countDown();
            });
        }
        await(slept);
        Object answer = BuildersKt.runBlocking(Dispatchers.getDefault(), (scope, continuation) -> {
            spinOnCpu(SPIN_MILLIS);
            return 42;
        });
        System.out.println("spins " + SPINS);
        System.out.println("sleeps " + SLEEPS);
        System.out.println("coroutine " + answer);
        Thread.sleep(1200); // the recording's periodic samples (every second) see the pools
        System.out.println("done");
    }

    /** Burns this much CPU time on the calling thread, however busy the machine: its samples are the point. */
    static long spinOnCpu(long millis) {
        return CpuSpin.burn(millis);
    }

    static void sleepOnIo(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("tasks did not finish");
        }
    }
}
