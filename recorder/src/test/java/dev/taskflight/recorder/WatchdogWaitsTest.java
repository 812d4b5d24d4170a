package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's waits between its ticks are no JFR event: a recording that takes every park, sleep and
 * monitor wait (threshold 0) holds none on the thread {@code taskflight-watchdog}, while the watchdog
 * ticks (it reports a poll in progress, which only a tick does). Its waits used to be parks, 25
 * {@code jdk.ThreadPark} events a second with a stack trace under JFR's {@code default} threshold.
 */
class WatchdogWaitsTest {

    private static final String WATCHDOG = "taskflight-watchdog";
    private static final List<String> WAITS = List.of("jdk.ThreadPark", "jdk.ThreadSleep", "jdk.JavaMonitorWait");

    /** Committed by the test once the watchdog has ticked: a flush that delivers it delivers what came before. */
    @Name("taskflight.test.Marker")
    static final class Marker extends Event {
    }

    @Test
    void aRecordingOfEveryWaitHoldsNoneOfTheWatchdogsWhileItTicks() throws Exception {
        List<RecordedEvent> waits = new CopyOnWriteArrayList<>();
        List<RecordedEvent> inProgress = new CopyOnWriteArrayList<>();
        CountDownLatch marker = new CountDownLatch(1);
        try (RecordingStream stream = new RecordingStream(TaskflightSettings.load(Profile.PRODUCTION))) {
            stream.setReuse(false);
            for (String wait : WAITS) {
                stream.enable(wait).withThreshold(Duration.ZERO);
                stream.onEvent(wait, e -> {
                    if (e.getThread() != null && WATCHDOG.equals(e.getThread().getJavaName())) {
                        waits.add(e);
                    }
                });
            }
            stream.enable(Marker.class);
            stream.onEvent("taskflight.test.Marker", e -> marker.countDown());
            stream.onEvent(EventNames.POLL_IN_PROGRESS, inProgress::add);
            stream.startAsync();
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("watchdog-waits", 1);
            await().until(dev.taskflight.recorder.core.RecordingMode::recording);
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // a poll in progress: the watchdog ticked while the poll ran, and waited between its ticks
            await().atMost(Duration.ofSeconds(60)).until(() -> !inProgress.isEmpty());
            release.countDown();
            new Marker().commit();
            assertThat(marker.await(60, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(waits).as("JFR's wait events on the watchdog's thread").isEmpty();
    }
}
