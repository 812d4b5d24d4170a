package dev.taskflight.dist;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * A short workload for the bundle's agent: {@value #TASKS} tasks on a pool named {@value #POOL}, then exit. With an
 * argument, it first dumps the agent's recording ({@code record=}) to that file, as {@code jcmd JFR.dump} would.
 */
public final class BundleWorkload {

    static final String POOL = "bundle-worker";
    static final int TASKS = 500;

    private BundleWorkload() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, POOL + "-1"));
        for (int i = 0; i < TASKS; i++) {
            pool.execute(() -> Math.sqrt(System.nanoTime()));
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("tasks did not finish");
        }
        if (args.length > 0) {
            Recording recording = null;
            for (int i = 0; i < 600 && recording == null; i++) { // the agent starts it on a thread of its own
                recording = FlightRecorder.getFlightRecorder().getRecordings().stream()
                        .filter(r -> r.getName().equals("taskflight")).findFirst().orElse(null);
                Thread.sleep(100);
            }
            if (recording == null) {
                throw new IllegalStateException("no recording named taskflight");
            }
            Thread.sleep(1500); // one more WorkerSample period, so that the counters of the last tasks are in
            recording.dump(Path.of(args[0]));
        }
    }
}
