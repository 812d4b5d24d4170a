package dev.taskflight.agent.child.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the test servers' endpoints do, the same on every server: spin {@link #SPIN_MILLIS} ms in
 * {@link #spinFortyMillis()}, sleep {@link #SLEEP_MILLIS} ms in {@link #sleepSixtyMillis()}, wait
 * in {@link #enterLedger()} for the monitor of a {@link Ledger} another thread holds for
 * {@link #HOLD_MILLIS} ms, or return at once. Each records which thread served it.
 */
public final class ServerWork {

    /** How long a spin request runs on CPU (wall clock: longer if the thread gets no CPU). */
    public static final long SPIN_MILLIS = 40;
    /** How long a sleep request sleeps. */
    public static final long SLEEP_MILLIS = 60;
    /** How long another thread holds the ledger's monitor once a monitor request asked for it. */
    public static final long HOLD_MILLIS = 80;
    /** The endpoints that hold their thread for tens of milliseconds. */
    public static final String[] SLOW = {"spin", "sleep", "monitor"};
    /** The endpoint that returns at once. */
    public static final String FAST = "fast";

    private static final Ledger LEDGER = new Ledger();
    private static final Queue<String> SERVED = new ConcurrentLinkedQueue<>();
    private static volatile long sink;

    private ServerWork() {
    }

    /** The object whose monitor the monitor requests wait for. */
    public static final class Ledger {
        private long entries;
    }

    /**
     * Serves one request.
     *
     * @param endpoint one of {@link #SLOW} or {@link #FAST}
     * @param index the request's number
     * @return the response body, the same on every run
     */
    public static String handle(String endpoint, String index) throws InterruptedException {
        switch (endpoint) {
            case "spin" -> spinFortyMillis();
            case "sleep" -> sleepSixtyMillis();
            case "monitor" -> enterLedger();
            case FAST -> { }
            default -> {
                return null;
            }
        }
        SERVED.add("served " + endpoint + " " + index + " on " + Thread.currentThread().getName());
        return endpoint + " " + index + " done\n";
    }

    /** @return one line per request served so far: {@code served <endpoint> <index> on <thread>} */
    public static Queue<String> served() {
        return SERVED;
    }

    static void spinFortyMillis() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_MILLIS);
        long x = sink;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    static void sleepSixtyMillis() throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
    }

    /** Starts a thread that takes the ledger's monitor and holds it, then enters the monitor. */
    static void enterLedger() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> holdLedger(held), "ledger-holder");
        holder.start();
        held.await();
        synchronized (LEDGER) {
            LEDGER.entries++;
        }
        holder.join();
    }

    private static void holdLedger(CountDownLatch held) {
        synchronized (LEDGER) {
            held.countDown();
            try {
                Thread.sleep(HOLD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
