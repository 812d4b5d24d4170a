package dev.taskflight.agent.child;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * An unmodified program that uses the JDK's schedulers, run in a child JVM under the agent. Every
 * pool gets one 30 ms spin; names of the spinning threads go to stdout as {@code spin <pool> <thread>}.
 */
public final class SchedulersWorkload {

    public static final long SPIN_MILLIS = 30;

    private SchedulersWorkload() {
    }

    public static void main(String[] args) throws Exception {
        List<Thread> ordersWorkers = new CopyOnWriteArrayList<>();
        ThreadFactory orders = named("orders-worker");
        ExecutorService fixed = Executors.newFixedThreadPool(2, r -> {
            Thread t = orders.newThread(r);
            ordersWorkers.add(t);
            return t;
        });
        fixed.submit(() -> spin("fixed")).get();
        for (int i = 0; i < 20; i++) {
            fixed.submit(() -> spinMicros(100));
        }
        // one more task once every worker waits on the empty queue, so that a wait for work ends with work
        // however the machine scheduled the burst (a park ended by shutdown's interrupt is not one)
        awaitWaiting(ordersWorkers, ((ThreadPoolExecutor) fixed).getQueue());
        fixed.submit(() -> spinMicros(100)).get();
        shutdown(fixed);

        ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(1);
        scheduled.schedule(() -> spin("scheduled"), 5, TimeUnit.MILLISECONDS).get();
        shutdown(scheduled);

        int sum = IntStream.range(0, 64).parallel().map(i -> i == 7 ? spinAndReturn("parallel-stream", i) : i).sum();
        System.out.println("sum " + sum);
        System.out.println("async " + CompletableFuture.supplyAsync(() -> spinAndReturn("supply-async", 1)).get());
        // a burst of submissions: on JDK 17 one topLevelExec drains them from the submission queue
        List<CompletableFuture<Integer>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(CompletableFuture.supplyAsync(SchedulersWorkload::burstTask));
        }
        CompletableFuture.allOf(burst.toArray(new CompletableFuture<?>[0])).get();

        ForkJoinPool user = new ForkJoinPool(2);
        System.out.println("fib " + user.invoke(new Fib(18)));
        shutdown(user);

        if (Runtime.version().feature() >= 21) {
            virtualThreads();
        }
        System.out.println("done");
    }

    private static void virtualThreads() throws Exception {
        ExecutorService vts = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        vts.submit(() -> {
            System.out.println("sleeper " + Thread.currentThread());
            sleep(5);
            sleep(5);
            return null;
        });
        vts.submit(() -> {
            lock.lock(); // blocks until main releases it: unmounts, remounts
            lock.unlock();
            return null;
        });
        vts.submit(() -> spin("virtual"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!lock.hasQueuedThreads() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // until the second virtual thread blocks on the lock
        }
        lock.unlock();
        shutdown(vts);
        // The carriers, with nothing left to run, park; a last virtual thread wakes one, so that a carrier's park
        // ends within the recording (a WorkerPark) whatever the machine's load made of the waits before: on a
        // busy machine (CI, JDK 25) the carriers had found work again before parking, and none had ended one.
        Thread.sleep(50);
        ExecutorService last = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        last.submit(() -> null);
        shutdown(last);
    }

    /** Recursive tasks whose leaf 7 spins. */
    static final class Fib extends RecursiveTask<Integer> {
        private final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n == 7 && !SPUN.getAndSet(true)) {
                spin("user-fork-join");
            }
            if (n < 2) {
                return n;
            }
            Fib left = new Fib(n - 1);
            left.fork();
            return new Fib(n - 2).compute() + left.join();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean SPUN = new java.util.concurrent.atomic.AtomicBoolean();

    /** How many tasks the async burst submits at once. */
    public static final int BURST = 8;
    /** How long each burst task sleeps, in milliseconds: every one is a long poll. */
    public static final long BURST_MILLIS = 12;

    /** One task of the burst, whose class the test finds in the polls. */
    static int burstTask() {
        sleep(BURST_MILLIS);
        return 1;
    }

    static int spinAndReturn(String pool, int value) {
        spin(pool);
        return value;
    }

    static Void spin(String pool) {
        System.out.println("spin " + pool + " " + Thread.currentThread().getName());
        spinMicros(SPIN_MILLIS * 1000 + 500);
        return null;
    }

    static void spinMicros(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }

    /**
     * Waits, 30 s at most, until the queue is empty and every one of a pool's workers waits: then each
     * is parked in the queue's {@code take} (a worker waiting for the queue's lock would wait for a
     * thread that runs).
     */
    static void awaitWaiting(List<Thread> threads, Queue<?> queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!queue.isEmpty() || threads.isEmpty()
                || !threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no worker waits for work: " + threads);
            }
            Thread.sleep(1);
        }
    }

    static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pool did not terminate");
        }
    }
}
