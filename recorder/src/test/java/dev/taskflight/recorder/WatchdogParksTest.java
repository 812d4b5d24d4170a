package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.core.RecordingMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's own waits are parks that JFR records as {@code jdk.ThreadPark} once they reach the
 * recording's threshold (25 a second, each 40 ms, while it is backed off under JFR's default): each names
 * the watchdog as its parked class, so that a reader of the recording (JMC's thread-park page,
 * {@code jfr print}) can tell them from the application's.
 */
class WatchdogParksTest {

    private static final String WATCHDOG = "taskflight-watchdog";

    @Test
    void everyParkOfTheWatchdogNamesItAsTheParkedClass() throws Exception {
        List<RecordedEvent> parks = new CopyOnWriteArrayList<>();
        try (RecordingStream stream = new RecordingStream(TaskflightSettings.load(Profile.PRODUCTION))) {
            stream.setReuse(false);
            stream.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
            stream.onEvent("jdk.ThreadPark", e -> {
                if (e.getThread() != null && WATCHDOG.equals(e.getThread().getJavaName())) {
                    parks.add(e);
                }
            });
            stream.startAsync();
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("watchdog-parks", 1);
            await().until(RecordingMode::recording);
            pool.submit(() -> { }).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> parks.size() >= 3);
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(parks).allSatisfy(e -> assertThat(e.getClass("parkedClass")).as("parked class")
                .isNotNull().extracting(c -> c.getName()).isEqualTo("dev.taskflight.recorder.core.Watchdog"));
    }
}
