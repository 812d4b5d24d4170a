package dev.taskflight.agent.child;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Long tasks behind each of the JDK's task wrappers, as the README's agent example submits them: a
 * {@code Callable} through {@code submit} ({@code FutureTask}), a {@code Runnable} through
 * {@code submit} ({@code FutureTask} around {@code Executors.RunnableAdapter}), a scheduled one
 * ({@code ScheduledFutureTask}), one through an {@code ExecutorCompletionService} ({@code QueueingFuture}),
 * a {@code CompletableFuture.runAsync} on the same pool ({@code AsyncRun}) and one on a fork/join pool
 * ({@code ForkJoinTask} adapter). Each task is its own class, so the recording can name it.
 */
public final class NamedTasksWorkload {

    /** How long each task holds its worker. */
    public static final long HOLD_MILLIS = 30;

    private NamedTasksWorkload() {
    }

    /** Submitted as a {@code Callable}. */
    public static final class CallableTask implements java.util.concurrent.Callable<String> {
        @Override
        public String call() {
            SchedulersWorkload.sleep(HOLD_MILLIS);
            return "done";
        }
    }

    /** Submitted as a {@code Runnable}, scheduled, and run asynchronously. */
    public static final class RunnableTask implements Runnable {
        @Override
        public void run() {
            SchedulersWorkload.sleep(HOLD_MILLIS);
        }
    }

    /** Run through an {@code ExecutorCompletionService}. */
    public static final class CompletionTask implements java.util.concurrent.Callable<String> {
        @Override
        public String call() {
            SchedulersWorkload.sleep(HOLD_MILLIS);
            return "done";
        }
    }

    /** Run by {@code CompletableFuture.runAsync}. */
    public static final class AsyncTask implements Runnable {
        @Override
        public void run() {
            SchedulersWorkload.sleep(HOLD_MILLIS);
        }
    }

    /** Submitted to a fork/join pool. */
    public static final class ForkJoinSubmitted implements Runnable {
        @Override
        public void run() {
            SchedulersWorkload.sleep(HOLD_MILLIS);
        }
    }

    /** Submitted as a method reference. */
    static void hold() {
        SchedulersWorkload.sleep(HOLD_MILLIS);
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1, SchedulersWorkload.named("named-worker"));
        ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(1, SchedulersWorkload.named("named-scheduled"));
        ExecutorService forkJoin = new java.util.concurrent.ForkJoinPool(1);
        pool.submit(() -> { }).get(); // the worker starts: the agent knows the pool from now on
        scheduled.submit(() -> { }).get();
        forkJoin.submit(() -> { }).get();
        pool.submit(new CallableTask()).get();
        pool.submit(new RunnableTask()).get();
        scheduled.schedule(new RunnableTask(), 1, TimeUnit.MILLISECONDS).get();
        ExecutorCompletionService<String> completion = new ExecutorCompletionService<>(pool);
        completion.submit(new CompletionTask());
        completion.take().get();
        CompletableFuture.runAsync(new AsyncTask(), pool).get();
        forkJoin.submit(new ForkJoinSubmitted()).get();
        pool.submit(() -> SchedulersWorkload.sleep(HOLD_MILLIS)).get();
        forkJoin.submit(NamedTasksWorkload::hold).get();
        SchedulersWorkload.shutdown(pool);
        SchedulersWorkload.shutdown(scheduled);
        SchedulersWorkload.shutdown(forkJoin);
        System.out.println("done");
    }
}
