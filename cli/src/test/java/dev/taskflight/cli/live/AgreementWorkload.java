package dev.taskflight.cli.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The monitored JVM of {@link StreamAgreesWithOfflineTest}, run in a child process under the agent: starts
 * the 2 workers of the pool {@value #POOL} (idle, so that a stream can see the pool before any work),
 * prints {@link LiveWorkload#READY}, and waits for the line {@value #GO} on stdin; then runs exactly
 * {@value #TASKS} tasks, every {@value #LONG_POLL_EVERY}th sleeping {@value #LONG_POLL_MILLIS} ms (a long
 * poll), prints {@value #DONE}, and exits normally once its stdin is closed.
 */
public final class AgreementWorkload {

    static final String POOL = "agree-worker";
    static final String GO = "go";
    static final String DONE = "tasks done";
    static final int TASKS = 3000;
    static final int LONG_POLL_EVERY = 1000;
    static final long LONG_POLL_MILLIS = 120;

    private AgreementWorkload() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger ids = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, POOL + "-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.prestartAllCoreThreads();
        System.out.println(LiveWorkload.READY);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.equals(GO));
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            boolean slow = i % LONG_POLL_EVERY == LONG_POLL_EVERY / 2;
            tasks.add(pool.submit(() -> LiveWorkload.work(slow, LONG_POLL_MILLIS)));
            if (i % 50 == 0) {
                TimeUnit.MILLISECONDS.sleep(10); // spread the tasks over a second or so
            }
        }
        for (Future<?> f : tasks) {
            f.get();
        }
        System.out.println(DONE);
        System.out.flush();
        while (in.readLine() != null) {
            // idle until the test closes stdin
        }
        pool.shutdown();
    }
}
