package dev.taskflight.agent.child;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The monitored program of the agent's {@code stream=log} tests, in a child JVM: waits until
 * {@code args[0]} recordings run (the agent's stream, plus a {@code -XX:StartFlightRecording} one),
 * so that both see the pool from its start; then runs exactly {@value #TASKS} tasks on the 2-worker
 * pool {@value #POOL}, task {@value #LONG_POLL_AT} sleeping {@value #LONG_POLL_MILLIS} ms (a critical
 * long poll); prints {@value #DONE}, and exits normally when its stdin is closed.
 */
public final class StreamWorkload {

    public static final String POOL = "stream-worker";
    public static final int TASKS = 3000;
    /** Early: before the worker's first sample, so its live interval reports it from its event. */
    public static final int LONG_POLL_AT = 10;
    public static final long LONG_POLL_MILLIS = 200;
    public static final String DONE = "tasks done";

    private StreamWorkload() {
    }

    public static void main(String[] args) throws Exception {
        awaitRecordings(Integer.parseInt(args[0]));
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, POOL + "-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            boolean slow = i == LONG_POLL_AT;
            tasks.add(pool.submit(() -> work(slow)));
            if (i % 10 == 0) {
                TimeUnit.MILLISECONDS.sleep(10); // spread the tasks over a few seconds
            }
        }
        for (Future<?> f : tasks) {
            f.get();
        }
        System.out.println(DONE);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // idle until the test closes stdin
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println("exit");
    }

    private static void awaitRecordings(int count) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        FlightRecorderListener listener = new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording recording) {
                if (runningRecordings() >= count) {
                    running.countDown();
                }
            }
        };
        FlightRecorder.addListener(listener);
        if (runningRecordings() >= count) {
            running.countDown();
        }
        if (!running.await(60, TimeUnit.SECONDS)) {
            System.out.println("only " + runningRecordings() + " recordings running");
        }
        FlightRecorder.removeListener(listener);
    }

    private static long runningRecordings() {
        return FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(r -> r.getState() == RecordingState.RUNNING).count();
    }

    private static void work(boolean slow) {
        if (slow) {
            try {
                TimeUnit.MILLISECONDS.sleep(LONG_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        double x = 1;
        for (int i = 0; i < 2_000; i++) {
            x = x * 1.0000001 + Math.sqrt(x);
        }
        if (x < 0) {
            System.out.println(x);
        }
    }
}
