package dev.taskflight.benchmarks.overhead;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.TaskflightExecutors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bytes per recorded {@code TaskPoll}, bytes per second of a production recording, and events lost.
 * Records the library pools under the trace profile (every poll) and the production profile, with
 * Taskflight's events only, and reads the sizes with the JDK's {@code jfr summary}. Events lost are
 * the polls the counters saw minus the {@code TaskPoll} events in the file. Prints one line per
 * figure: {@code key value}.
 */
public final class RecordingSizes {

    private RecordingSizes() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("taskflight-sizes");
        measureTrace(dir, "bench-tpe", "trace-short-name");
        measureTrace(dir, "bench-thread-pool-requests", "trace-long-name");
        Path prod = record(dir.resolve("production.jfr"), Profile.PRODUCTION, "bench-tpe", Duration.ofSeconds(10), true);
        Map<String, long[]> summary = summary(prod);
        long taskflightBytes = summary.entrySet().stream().filter(e -> e.getKey().startsWith(EventNames.PREFIX))
                .mapToLong(e -> e.getValue()[1]).sum();
        System.out.printf("production.taskflightBytesPerSecond %.0f%n", taskflightBytes / 10.0);
        long[] polls = summary.getOrDefault(EventNames.TASK_POLL, new long[2]);
        System.out.printf("production.taskPolls %d%n", polls[0]);
        System.out.printf("production.bytesPerTaskPoll %.1f%n", polls[0] == 0 ? 0.0 : (double) polls[1] / polls[0]);
        summary.forEach((k, v) -> {
            if (k.startsWith(EventNames.PREFIX)) {
                System.out.printf("production.%s %d events %d bytes%n", k, v[0], v[1]);
            }
        });
    }

    private static void measureTrace(Path dir, String poolName, String key) throws Exception {
        Path file = record(dir.resolve(key + ".jfr"), Profile.TRACE, poolName, Duration.ofSeconds(3), false);
        long[] polls = summary(file).getOrDefault(EventNames.TASK_POLL, new long[2]);
        long counted = countedPolls(file);
        System.out.printf("%s.pool %s%n", key, poolName);
        System.out.printf("%s.bytesPerTaskPoll %.1f%n", key, (double) polls[1] / polls[0]);
        System.out.printf("%s.taskPollEvents %d%n", key, polls[0]);
        System.out.printf("%s.pollsCounted %d%n", key, counted);
        System.out.printf("%s.eventsLost %d (%.2f%%)%n", key, counted - polls[0], 100.0 * (counted - polls[0]) / counted);
    }

    private static Path record(Path file, Profile profile, String poolName, Duration length, boolean longPolls)
            throws Exception {
        ThreadPoolExecutor tpe = TaskflightExecutors.newFixedThreadPool(poolName, 2);
        ForkJoinPool fj = TaskflightExecutors.newForkJoinPool(poolName + "-fj", 2);
        try (Recording r = new Recording(TaskflightSettings.load(profile))) {
            r.setDestination(file);
            r.start();
            long end = System.nanoTime() + length.toNanos();
            long nextLong = System.nanoTime();
            while (System.nanoTime() < end) {
                CountDownLatch done = new CountDownLatch(1100);
                for (int i = 0; i < 100; i++) {
                    tpe.execute(() -> {
                        Blackhole.consumeCPU(OverheadBenchmark.REQUEST_TOKENS);
                        done.countDown();
                    });
                }
                for (int i = 0; i < 1000; i++) {
                    fj.execute(() -> {
                        Blackhole.consumeCPU(OverheadBenchmark.FINE_TOKENS);
                        done.countDown();
                    });
                }
                if (longPolls && System.nanoTime() >= nextLong) { // a 20 ms poll every 100 ms
                    nextLong = System.nanoTime() + 100_000_000L;
                    tpe.execute(() -> Blackhole.consumeCPU(20_000_000L / 2));
                }
                done.await();
            }
            tpe.shutdown();
            fj.shutdown();
            tpe.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            fj.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            r.stop();
        }
        return file;
    }

    /** @return the largest polls counter of each worker of the file, summed */
    private static long countedPolls(Path file) throws IOException {
        Map<String, Long> latest = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(EventNames.WORKER_SAMPLE)) {
                latest.merge(e.getString("pool") + "#" + e.getInt("worker"), e.getLong("polls"), Math::max);
            }
        }
        return latest.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return event name → {count, bytes}, from {@code jfr summary} */
    static Map<String, long[]> summary(Path file) throws IOException, InterruptedException {
        Path jfr = Paths.get(System.getProperty("java.home"), "bin", "jfr");
        Process p = new ProcessBuilder(jfr.toString(), "summary", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, long[]> result = new HashMap<>();
        for (String line : out.split("\n")) {
            List<String> cols = List.of(line.trim().split("\\s+"));
            if (cols.size() == 3 && cols.get(1).matches("\\d+") && cols.get(2).matches("\\d+")) {
                result.put(cols.get(0), new long[] {Long.parseLong(cols.get(1)), Long.parseLong(cols.get(2))});
            }
        }
        return result;
    }
}
