package dev.taskflight.cli.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM {@code jfr-analyze attach} attaches to, run in a child process without the agent: pools of each
 * kind, all created and busy before the attach; a pool whose thread factory names its threads
 * ({@value #NAMED}), one with the JDK's default names, a {@code ForkJoinPool} with default names, the common
 * pool, and a scheduled pool ({@value #TICKER}) ticking every {@value #TICK_MILLIS} ms. For each line {@value #RUN} on stdin it runs
 * {@value #TASKS} tasks on each of the first four, then on a new pool ({@value #AFTER}), and prints {@value #RAN}; it exits at the end of stdin. Its
 * stdout is only these lines.
 */
public final class AttachWorkload {

    static final String NAMED = "orders-worker";
    static final String TICKER = "ticker";
    static final int TASKS = 200;
    static final long TICK_MILLIS = 20;
    static final String READY = "attach workload ready";
    static final String RUN = "run";
    static final String AFTER = "after-attach";
    static final String RAN = "ran " + TASKS + " tasks on 5 pools";

    private AttachWorkload() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> new Thread(r, NAMED + "-" + n.incrementAndGet());
        ExecutorService orders = Executors.newFixedThreadPool(2, named);
        ExecutorService unnamed = Executors.newFixedThreadPool(2);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1, r -> new Thread(r, TICKER));
        ticker.scheduleAtFixedRate(AttachWorkload::work, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        List<ExecutorService> pools = List.of(orders, unnamed, forkJoin, ForkJoinPool.commonPool());
        submitBatch(pools);
        System.out.println(READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(RUN)) {
                submitBatch(pools);
                ExecutorService after = Executors.newFixedThreadPool(2, r -> new Thread(r, AFTER + "-" + n.incrementAndGet()));
                submitBatch(List.of(after)); // left running: its counters are written every second
                System.out.println(RAN);
            }
        }
        System.exit(0);
    }

    private static void submitBatch(List<ExecutorService> pools) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            for (ExecutorService pool : pools) {
                futures.add(pool.submit(AttachWorkload::work));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static void work() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
