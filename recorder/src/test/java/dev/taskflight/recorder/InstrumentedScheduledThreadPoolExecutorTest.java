package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class InstrumentedScheduledThreadPoolExecutorTest {

    @Test
    void everyRunOfAPeriodicTaskIsAPollWithItsLateness() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            InstrumentedScheduledThreadPoolExecutor pool = TaskflightExecutors.newScheduledThreadPool("timers", 1);
            CountDownLatch fiveRuns = new CountDownLatch(5);
            ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(fiveRuns::countDown, 0, 10, TimeUnit.MILLISECONDS);
            assertThat(fiveRuns.await(1, TimeUnit.MINUTES)).isTrue();
            periodic.cancel(false);
            assertThat(periodic.isCancelled()).isTrue();

            List<RecordedEvent> polls = capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> l.size() >= 5);
            assertThat(polls).allSatisfy(p -> {
                assertThat(p.getLong("schedulingDelay")).isNotNegative();
                assertThat(p.getInt("worker")).isZero();
            });
            List<RecordedEvent> samples = capture.awaitEvents(EventNames.WORKER_SAMPLE, pool.name(),
                    l -> l.stream().anyMatch(s -> s.getLong("polls") >= 5 && s.getLong("parks") >= 4));
            assertThat(samples).isNotEmpty();
            RecordedEvent queue = capture.awaitEvents(EventNames.QUEUE_SAMPLE, pool.name(), l -> !l.isEmpty()).get(0);
            assertThat(queue.getString("kind")).isEqualTo("ScheduledThreadPoolExecutor");
            pool.shutdown();
        }
    }

    @Test
    void resultsExceptionsAndCancellationAreThoseOfAPlainScheduledPool() throws Exception {
        InstrumentedScheduledThreadPoolExecutor pool = TaskflightExecutors.newScheduledThreadPool("timers-results", 2);
        assertThat(pool.schedule(() -> 42, 1, TimeUnit.MILLISECONDS).get()).isEqualTo(42);
        ScheduledFuture<Object> failing = pool.schedule(() -> {
            throw new IllegalArgumentException("late");
        }, 1, TimeUnit.MILLISECONDS);
        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("late");
        AtomicInteger ran = new AtomicInteger();
        ScheduledFuture<?> never = pool.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
        assertThat(never.cancel(false)).isTrue();
        assertThat(pool.getQueue()).hasSize(1); // as a plain pool: cancelled tasks stay by default
        pool.setRemoveOnCancelPolicy(true);
        ScheduledFuture<?> removed = pool.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
        assertThat(removed.cancel(false)).isTrue();
        assertThat(pool.getQueue()).hasSize(1);
        assertThat(pool.submit(() -> "now").get()).isEqualTo("now");
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(ran).hasValue(0);
    }

    @Test
    void aLongScheduledRunIsALongPoll() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            InstrumentedScheduledThreadPoolExecutor pool = TaskflightExecutors.newScheduledThreadPool("timers-long", 1);
            pool.schedule(() -> Work.spin(Duration.ofMillis(30)), 1, TimeUnit.MILLISECONDS).get();
            RecordedEvent poll = capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> !l.isEmpty()).get(0);
            assertThat(poll.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
            pool.shutdown();
        }
    }
}
