package dev.taskflight.jmc.recordings;

import dev.taskflight.events.PoolField;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollCpuTimeEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real work wrapped in Taskflight events, the way the recorder wraps a pool's tasks, each pathology in
 * a pool of its own: a CPU spin, a contended monitor, a sleep, a worker idle while work waits, late
 * tasks, a deep queue and uneven workers; and a healthy pool. Each job runs on a thread of its own,
 * named like a pool worker, so that the JDK's events land on the poll's thread.
 */
final class Workload {

    static final long SPIN_MILLIS = 200;
    static final long LOCK_HOLD_MILLIS = 80;
    static final long SLEEP_MILLIS = 15; // a warning (10 ms) with room below critical (50 ms) on a loaded machine
    static final long IDLE_MILLIS = 60;
    static final long SATURATION_MILLIS = 3_000;

    private static final Object LEDGER = new Object();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Workload() {
    }

    /** Runs every pathology, one after the other. */
    static void pathologies() throws InterruptedException {
        onWorker("lp-cpu-worker-0", () -> poll("lp-cpu", 0, SpinTask.class, Workload::spinInDistinctiveMethod));
        contendedMonitor();
        onWorker("lp-sleep-worker-0", () -> poll("lp-sleep", 0, SleepTask.class, Workload::sleepInPoll));
        onWorker("idle-worker-0", Workload::idleWhileWorkWaits);
        onWorker("delay-worker-0", () -> {
            for (int i = 0; i < 30; i++) {
                poll("delay", 0, 8_000_000L, QuickTask.class, () -> { });
            }
        });
        onWorker("backlog-sampler", () -> {
            for (long depth : new long[] {10, 150, 1500, 40}) {
                queueSample("backlog", depth, 2);
            }
        });
        onWorker("imbalance-sampler", () -> {
            workerSample("imbalance", 0, 0, 0, 0);
            workerSample("imbalance", 1, 0, 0, 0);
            workerSample("imbalance", 0, 1000, 50_000_000L, 50_000_000L);
            workerSample("imbalance", 1, 50, 50_000_000L, 50_000_000L);
        });
    }

    /**
     * Keeps every core busy for {@link #SATURATION_MILLIS} or more: twice as many workers as
     * processors, each spinning through one long poll (100 ms longer than the worker before, so that no
     * two last alike), so that the JDK's {@code jdk.CPULoad} reads the machine as saturated (unless the
     * JVM may use only part of it).
     */
    static void saturating() throws InterruptedException {
        int workers = 2 * Math.max(2, Runtime.getRuntime().availableProcessors());
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            long millis = SATURATION_MILLIS + 100L * w;
            threads[w] = new Thread(() -> clocked("saturated", worker, () -> poll("saturated", worker, SpinTask.class,
                    () -> {
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    })), "saturated-worker-" + w);
            threads[w].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Runs a healthy pool: short, prompt, balanced polls and a shallow queue. */
    static void healthy() throws InterruptedException {
        for (int w = 0; w < 2; w++) {
            int worker = w;
            onWorker("healthy-worker-" + w, () -> {
                workerSample("healthy", worker, 0, 0, 0);
                for (int i = 0; i < 60; i++) {
                    poll("healthy", worker, 50_000L, QuickTask.class, () -> { });
                }
                workerSample("healthy", worker, 60, 3_000_000L, 1_000_000L);
            });
        }
        onWorker("healthy-sampler", () -> queueSample("healthy", 2, 2));
    }

    /**
     * Spins on the CPU for {@link #SPIN_MILLIS}: the top frame of the poll's CPU samples. The clock is
     * read rarely, so that the thread is sampled in Java code rather than in the native clock call.
     */
    static void spinInDistinctiveMethod() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_MILLIS);
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x += x * 31 + i;
            }
        }
        if (x == 42) {
            throw new AssertionError("unreachable");
        }
    }

    private static void contendedMonitor() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (LEDGER) {
                held.countDown();
                sleep(LOCK_HOLD_MILLIS);
            }
        }, "lp-lock-holder");
        holder.start();
        onWorker("lp-lock-worker-0", () -> {
            await(held);
            poll("lp-lock", 0, LockTask.class, () -> {
                synchronized (LEDGER) {
                    LEDGER.notifyAll();
                }
            });
        });
        holder.join();
    }

    private static void sleepInPoll() {
        sleep(SLEEP_MILLIS);
    }

    /** Parks (waits for work that never comes) and wakes to five queued tasks. */
    private static void idleWhileWorkWaits() {
        WorkerParkEvent park = new WorkerParkEvent();
        park.begin();
        try {
            new SynchronousQueue<Runnable>().poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        park.pool = "idle";
        park.worker = 0;
        park.queuedTasks = 5;
        park.queuedAtPark = 5;
        park.commit();
    }

    private static void poll(String pool, int worker, Class<?> task, Runnable work) {
        poll(pool, worker, 100_000L, task, work);
    }

    private static void poll(String pool, int worker, long delay, Class<?> task, Runnable work) {
        TaskPollEvent e = new TaskPollEvent();
        e.begin();
        work.run();
        e.pool = PoolField.write(pool); // as the recorder writes it
        e.worker = worker;
        e.taskName = task == null ? null : task.getName();
        e.schedulingDelay = TaskPollEvent.delayOf(delay);
        e.commit();
    }

    /**
     * Runs a poll with its thread's CPU clock read around it, as the recorder's watchdog and worker read
     * it, into a {@code PollCpuTime} that spans the poll.
     */
    private static void clocked(String pool, int worker, Runnable poll) {
        PollCpuTimeEvent e = new PollCpuTimeEvent();
        e.begin();
        long cpu = THREADS.getCurrentThreadCpuTime();
        poll.run();
        e.end();
        e.pool = pool;
        e.worker = worker;
        e.cpuTime = THREADS.getCurrentThreadCpuTime() - cpu;
        e.commit();
    }

    private static void queueSample(String pool, long depth, int workers) {
        QueueSampleEvent q = new QueueSampleEvent();
        q.pool = pool;
        q.kind = "ThreadPoolExecutor";
        q.parallelism = workers;
        q.poolSize = workers;
        q.activeWorkers = workers;
        q.runningWorkers = -1;
        q.queuedTasks = depth;
        q.queuedSubmissions = -1;
        q.steals = -1;
        q.completedTasks = -1;
        q.commit();
    }

    private static void workerSample(String pool, int worker, long polls, long busy, long idle) {
        WorkerSampleEvent s = new WorkerSampleEvent();
        s.pool = pool;
        s.worker = worker;
        s.workerThread = Thread.currentThread();
        s.polls = polls;
        s.busyTime = busy;
        s.idleTime = idle;
        s.localQueueDepth = -1;
        s.commit();
    }

    private static void onWorker(String name, Runnable job) throws InterruptedException {
        Thread t = new Thread(job, name);
        t.start();
        t.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The task class of the CPU-bound poll. */
    static final class SpinTask {
    }

    /** The task class of the poll blocked on a monitor. */
    static final class LockTask {
    }

    /** The task class of the sleeping poll. */
    static final class SleepTask {
    }

    /** The task class of short polls. */
    static final class QuickTask {
    }
}
