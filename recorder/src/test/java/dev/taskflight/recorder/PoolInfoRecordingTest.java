package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.PoolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PoolInfo} is written at chunk boundaries: read it from a recording file, as users do. */
class PoolInfoRecordingTest {

    @TempDir
    Path dir;

    @Test
    void everyRegisteredPoolAndTheCommonPoolHaveTheirInfoInTheRecording() throws Exception {
        Path file = dir.resolve("info.jfr");
        InstrumentedThreadPoolExecutor http = TaskflightExecutors.newFixedThreadPool("info-http", 3);
        InstrumentedForkJoinPool compute = TaskflightExecutors.newForkJoinPool("info-compute", 2);
        ThreadPoolExecutor legacy = (ThreadPoolExecutor) java.util.concurrent.Executors.newFixedThreadPool(1);
        String legacyName = TaskflightExecutors.sample("info-legacy", legacy);
        try (Recording recording = new Recording(TaskflightSettings.layered("default", Profile.PRODUCTION))) {
            recording.start();
            compute.submit(() -> 1).get();
            http.submit(() -> 2).get();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> infos = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POOL_INFO))
                .collect(Collectors.toList());

        RecordedEvent httpInfo = byPool(infos, http.name());
        assertThat(httpInfo.getString("kind")).isEqualTo("ThreadPoolExecutor");
        assertThat(httpInfo.getInt("corePoolSize")).isEqualTo(3);
        assertThat(httpInfo.getInt("maximumPoolSize")).isEqualTo(3);
        assertThat(httpInfo.getLong("queueCapacity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(httpInfo.getString("instrumentation")).isEqualTo("library");
        assertThat(httpInfo.getString("taskflightVersion")).isNotBlank();

        RecordedEvent computeInfo = byPool(infos, compute.name());
        assertThat(computeInfo.getString("kind")).isEqualTo("ForkJoinPool");
        assertThat(computeInfo.getInt("parallelism")).isEqualTo(2);
        assertThat(computeInfo.getInt("corePoolSize")).isEqualTo(-1);

        RecordedEvent common = byPool(infos, PoolRegistry.COMMON_POOL_NAME);
        assertThat(common.getString("instrumentation")).isEqualTo("sampling");
        assertThat(common.getInt("parallelism")).isEqualTo(ForkJoinPool.getCommonPoolParallelism());

        assertThat(byPool(infos, legacyName).getString("instrumentation")).isEqualTo("sampling");
        http.shutdown();
        compute.shutdown();
        legacy.shutdown();
    }

    @Test
    void aPoolThatTerminatesMidRecordingLeavesItsInfoAndExactFinalCounters() throws Exception {
        Path file = dir.resolve("terminated.jfr");
        String name;
        try (Recording recording = new Recording(TaskflightSettings.layered("default", Profile.PRODUCTION))) {
            recording.start();
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("terminates", 3);
            name = pool.name();
            for (int i = 0; i < 50; i++) {
                pool.execute(() -> Work.spin(java.time.Duration.ofMillis(1)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX)
                        && name.equals(PoolField.read(e.getString("pool"))))
                .collect(Collectors.toList());
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals(EventNames.POOL_INFO));
        long polls = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                .collect(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max))
                .values().stream().mapToLong(Long::longValue).sum();
        assertThat(polls).isEqualTo(50);
    }

    /**
     * A pool that enters the registry after the chunk's start hook, by a path that writes no
     * {@code PoolInfo} itself (the agent's common pool), has its identity from the next queue sample,
     * while the recording runs: not only at the chunk's end.
     */
    @Test
    void aPoolAddedAfterTheChunkStartedHasItsInfoBeforeTheChunkEnds() throws Exception {
        PoolProbe before = PoolRegistry.find(PoolRegistry.COMMON_POOL_NAME);
        PoolProbe late = new ForkJoinPoolProbe(PoolRegistry.COMMON_POOL_NAME, ForkJoinPool.commonPool(), Instrumentation.AGENT);
        CompletableFuture<String> info = new CompletableFuture<>();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable(EventNames.POOL_INFO);
            stream.enable(EventNames.QUEUE_SAMPLE).withPeriod(Duration.ofMillis(100));
            CompletableFuture<Void> running = new CompletableFuture<>();
            stream.onEvent(EventNames.QUEUE_SAMPLE, e -> running.complete(null));
            stream.onEvent(EventNames.POOL_INFO, e -> {
                if (PoolRegistry.COMMON_POOL_NAME.equals(e.getString("pool"))
                        && Instrumentation.AGENT.equals(e.getString("instrumentation"))) {
                    info.complete(e.getString("kind"));
                }
            });
            stream.startAsync();
            PoolRegistry.ensureCommonPool(); // a queue sample to wait for, whatever ran before
            running.get(2, TimeUnit.MINUTES);

            PoolRegistry.registerCommonPool(late);
            assertThat(info.get(2, TimeUnit.MINUTES)).isEqualTo("ForkJoinPool");
        } finally {
            if (before != null) {
                PoolRegistry.registerCommonPool(before);
            } else {
                PoolRegistry.unregister(late);
            }
        }
    }

    private static RecordedEvent byPool(List<RecordedEvent> events, String pool) {
        return events.stream().filter(e -> pool.equals(e.getString("pool"))).findFirst()
                .orElseThrow(() -> new AssertionError("no PoolInfo for " + pool + " in " + events));
    }
}
