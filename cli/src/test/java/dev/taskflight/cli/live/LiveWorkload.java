package dev.taskflight.cli.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The monitored JVM of the streaming tests, run in a child process under the Taskflight agent: a
 * 2-worker pool {@value #POOL} running short tasks without end, one of them sleeping
 * {@value #LONG_POLL_MILLIS} ms (a long poll; {@code -D}{@value #LONG_POLL_PROPERTY} sets another
 * length) every {@value #LONG_POLL_EVERY} tasks. With {@code -D}{@value #STUCK_PROPERTY}{@code =true}
 * one worker first runs a {@link StuckTask}, which never ends. Prints {@value #READY} once running.
 */
public final class LiveWorkload {

    static final String POOL = "live-worker";
    static final long LONG_POLL_MILLIS = 120;
    static final int LONG_POLL_EVERY = 300;
    static final String READY = "live workload running";
    static final String LONG_POLL_PROPERTY = "live.longPollMillis";
    static final String STUCK_PROPERTY = "live.stuck";

    /** A task that sleeps until the JVM exits: a poll that never ends. */
    static final class StuckTask implements Runnable {
        @Override
        public void run() {
            while (true) {
                try {
                    TimeUnit.SECONDS.sleep(60);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private LiveWorkload() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r);
            t.setName(POOL + "-" + t.getId());
            t.setDaemon(true);
            return t;
        });
        long longPollMillis = Long.getLong(LONG_POLL_PROPERTY, LONG_POLL_MILLIS);
        if (Boolean.getBoolean(STUCK_PROPERTY)) {
            pool.execute(new StuckTask());
        }
        System.out.println(READY);
        System.out.flush();
        for (long n = 0; ; n++) {
            boolean slow = n % LONG_POLL_EVERY == LONG_POLL_EVERY - 1;
            pool.submit(() -> work(slow, longPollMillis));
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }

    /** A short computation, or, if {@code slow}, a sleep of {@code longPollMillis}. */
    static void work(boolean slow, long longPollMillis) {
        if (slow) {
            try {
                TimeUnit.MILLISECONDS.sleep(longPollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        double x = 1;
        for (int i = 0; i < 20_000; i++) {
            x = x * 1.0000001 + Math.sqrt(x);
        }
        if (x < 0) {
            System.out.println(x);
        }
    }
}
