package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.core.PoolRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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
                .filter(e -> name.equals(e.getEventType().getName().startsWith(EventNames.PREFIX) ? e.getString("pool") : null))
                .collect(Collectors.toList());
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals(EventNames.POOL_INFO));
        long polls = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                .collect(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max))
                .values().stream().mapToLong(Long::longValue).sum();
        assertThat(polls).isEqualTo(50);
    }

    private static RecordedEvent byPool(List<RecordedEvent> events, String pool) {
        return events.stream().filter(e -> pool.equals(e.getString("pool"))).findFirst()
                .orElseThrow(() -> new AssertionError("no PoolInfo for " + pool + " in " + events));
    }
}
