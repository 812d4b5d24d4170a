package dev.taskflight.agent.child;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tasks that throw, are cancelled, rejected and interrupted, on every kind of pool. Prints every
 * outcome, exceptions with their full stack traces, to stdout; the test runs it with and without
 * the agent and compares.
 */
public final class FailuresWorkload {

    private FailuresWorkload() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch uncaught = new CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.out.println("uncaught in " + t.getName().replaceAll("\\d+", "N"));
            e.printStackTrace(System.out);
            uncaught.countDown();
        });
        ThreadPoolExecutor tpe = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        report("submit throws", tpe.submit(() -> {
            throw new IllegalStateException("boom");
        }));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Future<?> blocker = tpe.submit(() -> {
            started.countDown();
            release.await();
            return "released";
        });
        started.await();
        Future<?> queued = tpe.submit(() -> "queued");
        try {
            tpe.execute(() -> System.out.println("never"));
        } catch (RejectedExecutionException e) {
            System.out.println("rejected " + e.getClass().getName());
        }
        System.out.println("cancel queued " + queued.cancel(false));
        tpe.purge(); // the queue (capacity 1) must be empty for the uncaught task below, whenever the worker runs
        release.countDown();
        report("blocker", blocker);
        report("queued", queued);
        tpe.execute(() -> {
            throw new IllegalArgumentException("uncaught");
        });
        awaitQuietly(tpe);
        uncaught.await(30, TimeUnit.SECONDS);

        ExecutorService interruptible = Executors.newSingleThreadExecutor();
        CountDownLatch sleeping = new CountDownLatch(1);
        Future<?> interrupted = interruptible.submit(() -> {
            sleeping.countDown();
            Thread.sleep(60_000);
            return null;
        });
        sleeping.await();
        System.out.println("cancel running " + interrupted.cancel(true));
        report("interrupted", interrupted);
        List<Runnable> drained = new ArrayList<>(interruptible.shutdownNow());
        System.out.println("drained " + drained.size());

        ForkJoinPool fj = new ForkJoinPool(2);
        report("fork-join throws", fj.submit(() -> {
            throw new UnsupportedOperationException("fj");
        }));
        fj.shutdown();
        try {
            fj.execute(() -> { });
        } catch (RejectedExecutionException e) {
            System.out.println("fork-join rejected");
        }
        try {
            CompletableFuture.supplyAsync(() -> {
                throw new ArithmeticException("async");
            }).join();
        } catch (RuntimeException e) {
            System.out.println("async " + e.getClass().getName() + " / " + e.getCause());
        }
        System.out.println("done");
    }

    private static void report(String what, Future<?> future) throws InterruptedException {
        try {
            System.out.println(what + " -> " + future.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            System.out.println(what + " -> " + e.getCause());
            e.getCause().printStackTrace(System.out);
        } catch (CancellationException e) {
            System.out.println(what + " -> cancelled");
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println(what + " -> timeout");
        }
    }

    private static void awaitQuietly(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
