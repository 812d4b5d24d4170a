package dev.taskflight.agent.child;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A server's request pool used directly, no server around it: Tomcat's
 * {@code org.apache.tomcat.util.threads.ThreadPoolExecutor} built as a connector builds it
 * ({@code tomcat}), or Jetty's {@code QueuedThreadPool} ({@code jetty}). Two waves of tasks that spin,
 * sleep or return at once, with a pause between them in which the workers wait for work. Uses only
 * what Tomcat 9.0, 10.1 and 11 and Jetty 10, 11 and 12 share, so that the test can run it on any of
 * them; prints the jar the pool came from. Its output is the same on every run.
 */
public final class ServerPoolWorkload {

    /** Tomcat's pool threads' name prefix; the pool is named {@code http-nio-9090-exec}. */
    public static final String TOMCAT_THREADS = "http-nio-9090-exec-";
    /** The Jetty pool's name; its threads are {@code legacy-qtp-N}. */
    public static final String JETTY_POOL = "legacy-qtp";
    /** Workers of either pool. */
    public static final int WORKERS = 2;
    /** Waves of tasks. */
    public static final int WAVES = 2;
    /** Spinning, sleeping and fast tasks per wave. */
    public static final int SPINS = 3;
    public static final int SLEEPS = 3;
    public static final int FAST = 50;
    /** How long a slow task spins (CPU time) or sleeps. */
    public static final long SLOW_MILLIS = 60;
    /** The pause between two waves, with nothing queued. */
    public static final long PAUSE_MILLIS = 600;

    private ServerPoolWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String family = args[0];
        Executor pool;
        Runnable stop;
        if (family.equals("tomcat")) {
            TaskQueue queue = new TaskQueue();
            ThreadPoolExecutor tomcat = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, queue,
                    new TaskThreadFactory(TOMCAT_THREADS, true, Thread.NORM_PRIORITY));
            queue.setParent(tomcat);
            pool = tomcat;
            stop = () -> {
                tomcat.shutdown();
                awaitQuietly(tomcat);
            };
        } else {
            QueuedThreadPool jetty = new QueuedThreadPool(WORKERS, WORKERS);
            jetty.setName(JETTY_POOL);
            jetty.start();
            pool = jetty;
            stop = () -> stopQuietly(jetty);
        }
        System.out.println("pool from " + pool.getClass().getProtectionDomain().getCodeSource().getLocation().getPath());
        for (int wave = 1; wave <= WAVES; wave++) {
            if (wave > 1) {
                Thread.sleep(PAUSE_MILLIS);
            }
            CountDownLatch done = new CountDownLatch(SPINS + SLEEPS + FAST);
            for (int i = 0; i < SPINS; i++) {
                pool.execute(new Spin(done));
                pool.execute(new Sleep(done));
            }
            for (int i = 0; i < FAST; i++) {
                pool.execute(new Fast(done));
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wave " + wave + " did not finish");
            }
            System.out.println("wave " + wave + " done");
        }
        stop.run();
        System.out.println("done");
    }

    private static void awaitQuietly(ThreadPoolExecutor pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(QueuedThreadPool pool) {
        try {
            pool.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that spins on the CPU. */
    public static final class Spin implements Runnable {
        private final CountDownLatch done;

        Spin(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            spinInPool();
            done.countDown();
        }

        private static void spinInPool() {
            if (CpuSpin.burn(SLOW_MILLIS) == 42) {
                System.out.println("unlikely");
            }
        }
    }

    /** A request that sleeps. */
    public static final class Sleep implements Runnable {
        private final CountDownLatch done;

        Sleep(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            sleepInPool();
            done.countDown();
        }

        private static void sleepInPool() {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A request that returns at once. */
    public static final class Fast implements Runnable {
        private final CountDownLatch done;

        Fast(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            done.countDown();
        }
    }
}
