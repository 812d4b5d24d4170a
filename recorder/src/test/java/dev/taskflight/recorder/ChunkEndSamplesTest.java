package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording that ends, or is dumped, before the samples' first period (1 s in the production
 * profile) still holds every poll its pool ran: the counters are also written at every chunk end.
 */
class ChunkEndSamplesTest {

    private static final int TASKS = 50;

    @TempDir
    Path dir;

    @Test
    void aRecordingStoppedBeforeTheFirstSamplePeriodCountsEveryPoll() throws Exception {
        assertThat(pollsRecorded("chunk-end-stop", true)).isEqualTo(TASKS);
    }

    @Test
    void aDumpOfARunningRecordingCountsEveryPollRunBeforeIt() throws Exception {
        assertThat(pollsRecorded("chunk-end-dump", false)).isEqualTo(TASKS);
    }

    /** Runs the tasks under a recording, stopped or not before it is dumped; the polls it counted. */
    private long pollsRecorded(String name, boolean stop) throws Exception {
        InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool(name, 2);
        Path file = dir.resolve(name + ".jfr");
        try (Recording r = new Recording(TaskflightSettings.load(Profile.PRODUCTION))) {
            r.start();
            run(pool);
            if (stop) {
                r.stop();
            }
            r.dump(file);
        } finally {
            pool.shutdown();
        }
        return polls(file, pool.name());
    }

    private static void run(InstrumentedThreadPoolExecutor pool) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            done.add(pool.submit(() -> { }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        // a Future completes inside its poll; the pool counts a task as completed after the poll ended
        await().atMost(Duration.ofMinutes(1)).until(() -> pool.getCompletedTaskCount() == TASKS);
    }

    /** @return the polls of the pool's workers in their latest samples */
    private static long polls(Path file, String pool) throws Exception {
        Map<Integer, Long> latest = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                .filter(e -> pool.equals(e.getString("pool")))
                .collect(Collectors.toMap(e -> e.getInt("worker"), (RecordedEvent e) -> e.getLong("polls"), Math::max));
        return latest.values().stream().mapToLong(Long::longValue).sum();
    }
}
