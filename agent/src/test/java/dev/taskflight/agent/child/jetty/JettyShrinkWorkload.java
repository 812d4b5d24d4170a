package dev.taskflight.agent.child.jetty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty {@code QueuedThreadPool} that grows and shrinks: each wave holds {@link #MAX_THREADS} jobs
 * running at once, so that the pool starts threads up to its maximum, then lets the pool shrink by its
 * idle timeout until every thread but one has ended. Uses only what Jetty 10, 11 and 12 share; prints
 * the jar the pool came from. Its output is the same on every run.
 */
public final class JettyShrinkWorkload {

    /** The pool's name. */
    public static final String POOL = "shrink-qtp";
    /** The pool's maximum threads; its minimum is one. */
    public static final int MAX_THREADS = 3;
    /** Waves of {@link #MAX_THREADS} jobs. */
    public static final int WAVES = 3;
    /** How long an idle thread above the minimum waits before it ends. */
    static final int IDLE_TIMEOUT_MILLIS = 200;

    private JettyShrinkWorkload() {
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 1, IDLE_TIMEOUT_MILLIS);
        pool.setName(POOL);
        pool.setReservedThreads(0);
        pool.start();
        System.out.println("pool from " + pool.getClass().getProtectionDomain().getCodeSource().getLocation().getPath());
        for (int wave = 1; wave <= WAVES; wave++) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch started = new CountDownLatch(MAX_THREADS);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < MAX_THREADS; i++) {
                pool.execute(new Hold(threads, started, release));
            }
            if (!started.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wave " + wave + ": the pool did not start " + MAX_THREADS + " threads");
            }
            release.countDown();
            // a thread that has ended has been through its whole run loop, removeThread included
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (threads.stream().filter(Thread::isAlive).count() > 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("wave " + wave + ": the pool did not shrink");
                }
                Thread.sleep(20);
            }
            System.out.println("wave " + wave + ": " + threads.size() + " threads, then 1");
        }
        pool.stop();
        System.out.println("done");
    }

    /** A job that waits until every job of its wave has started. */
    public static final class Hold implements Runnable {
        private final Set<Thread> threads;
        private final CountDownLatch started;
        private final CountDownLatch release;

        Hold(Set<Thread> threads, CountDownLatch started, CountDownLatch release) {
            this.threads = threads;
            this.started = started;
            this.release = release;
        }

        @Override
        public void run() {
            threads.add(Thread.currentThread());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
