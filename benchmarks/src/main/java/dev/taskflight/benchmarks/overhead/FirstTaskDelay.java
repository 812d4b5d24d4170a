package dev.taskflight.benchmarks.overhead;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How long a JVM's first pool takes to run its first task: from just before the pool is constructed to
 * the first line of the task, in microseconds, for the JVM's first {@link ThreadPoolExecutor} and then
 * its first {@link ForkJoinPool}. What the agent adds here (hooking the pool, naming it, starting its
 * first worker, registering with JFR) is paid once per pool on an application thread, so it is measured
 * in a fresh JVM each time: {@code benchmarks/first-task.sh} runs this in many JVMs per configuration and
 * compares the medians.
 *
 * <p>Prints {@code tpe-first-task-us N} and {@code fjp-first-task-us N}.
 */
public final class FirstTaskDelay {

    private FirstTaskDelay() {
    }

    public static void main(String[] args) throws Exception {
        long before = System.nanoTime();
        ThreadPoolExecutor tpe = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        long started = tpe.submit(System::nanoTime).get();
        System.out.println("tpe-first-task-us " + (started - before) / 1000);
        shutdown(tpe);

        before = System.nanoTime();
        ForkJoinPool fjp = new ForkJoinPool(2);
        started = fjp.submit(System::nanoTime).get();
        System.out.println("fjp-first-task-us " + (started - before) / 1000);
        shutdown(fjp);
    }

    private static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
