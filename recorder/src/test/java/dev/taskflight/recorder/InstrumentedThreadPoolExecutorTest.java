package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.core.PoolRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class InstrumentedThreadPoolExecutorTest {

    private static final Duration TASK = Duration.ofMillis(20);
    private static final Duration PAUSE = Duration.ofMillis(200);

    /**
     * The known schedule: 2 workers, two waves of 10 tasks of 20 ms, 200 ms apart. Counts are exact;
     * busy time is at least 20 x 20 ms and at most 50% above (the wrappers and the clock overshoot
     * of a loaded machine); idle time is at least the pause on each worker.
     */
    @Test
    void aKnownScheduleYieldsExactPollsAndMatchingBusyAndIdleTime() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("known-schedule", 2);
            String name = pool.name();
            runWave(pool, 10);
            Work.hold(PAUSE);
            runWave(pool, 10);

            List<RecordedEvent> samples = capture.awaitWorkerPolls(name, 20);
            assertThat(samples).extracting(e -> e.getInt("worker")).containsExactlyInAnyOrder(0, 1);
            long busy = EventCapture.sum(samples, "busyTime");
            assertThat(busy).isBetween(20 * TASK.toNanos(), (long) (20 * TASK.toNanos() * 1.5));
            assertThat(EventCapture.sum(samples, "idleTime")).isGreaterThanOrEqualTo(2 * (PAUSE.toNanos() - 10_000_000));
            assertThat(samples).allSatisfy(s -> assertThat(s.getLong("parks")).isGreaterThanOrEqualTo(1));
            assertThat(samples).allSatisfy(s -> assertThat(s.getThread("workerThread")).isNotNull());

            List<RecordedEvent> polls = capture.awaitEvents(EventNames.TASK_POLL, name, l -> l.size() == 20);
            assertThat(polls).allSatisfy(p -> {
                assertThat(p.getDuration()).isGreaterThanOrEqualTo(TASK);
                assertThat(p.getInt("worker")).isIn(0, 1);
                assertThat(p.getLong("schedulingDelay")).isNotNegative();
                assertThat(p.getString("taskName")).isNotNull();
            });
            // the last tasks of a wave waited behind four rounds of two tasks
            assertThat(polls.stream().mapToLong(p -> p.getDuration("schedulingDelay").toNanos()).max().orElseThrow())
                    .isGreaterThanOrEqualTo(4 * TASK.toNanos());

            List<RecordedEvent> parks = capture.awaitEvents(EventNames.WORKER_PARK, name,
                    l -> l.stream().filter(p -> p.getDuration().compareTo(PAUSE.minusMillis(10)) >= 0).count() >= 2);
            assertThat(parks).allSatisfy(p -> assertThat(p.getLong("queuedTasks")).isNotNegative());

            RecordedEvent queue = capture.awaitEvents(EventNames.QUEUE_SAMPLE, name, l -> !l.isEmpty()).get(0);
            assertThat(queue.getString("kind")).isEqualTo("ThreadPoolExecutor");
            assertThat(queue.getInt("parallelism")).isEqualTo(2);
            pool.shutdown();
        }
    }

    private static void runWave(ThreadPoolExecutor pool, int tasks) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(() -> Work.hold(TASK)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @Test
    void aQueuedTaskReportsTheTimeItWaitedAsSchedulingDelay() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("delay", 1);
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> awaitQuietly(release));
            pool.execute(new Marker());
            Work.hold(Duration.ofMillis(30));
            release.countDown();

            RecordedEvent marker = capture.awaitEvents(EventNames.TASK_POLL, pool.name(),
                    l -> l.stream().anyMatch(InstrumentedThreadPoolExecutorTest::isMarker))
                    .stream().filter(InstrumentedThreadPoolExecutorTest::isMarker).findFirst().orElseThrow();
            assertThat(marker.getDuration("schedulingDelay")).isGreaterThanOrEqualTo(Duration.ofMillis(30));
            pool.shutdown();
        }
    }

    @Test
    void aTaskThatThrowsEndsItsPollAndItsExceptionReachesTheCallerUnchanged() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            IllegalStateException boom = new IllegalStateException("boom");
            InstrumentedThreadPoolExecutor pool = new InstrumentedThreadPoolExecutor("throws", 1, 1, 0,
                    TimeUnit.SECONDS, new ArrayBlockingQueue<>(10), r -> {
                        Thread t = new Thread(r);
                        t.setUncaughtExceptionHandler((th, e) -> uncaught.add(e));
                        return t;
                    }, new ThreadPoolExecutor.AbortPolicy());

            Future<?> submitted = pool.submit(() -> {
                throw boom;
            });
            assertThatThrownBy(submitted::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);

            pool.execute(() -> {
                throw boom;
            });
            org.awaitility.Awaitility.await().until(() -> uncaught.size() == 1);
            assertThat(uncaught.get(0)).isSameAs(boom);

            capture.awaitWorkerPolls(pool.name(), 2);
            assertThat(capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> l.size() == 2)).hasSize(2);
            pool.shutdown();
        }
    }

    @Test
    void rejectionHandlersSeeTheApplicationsTaskAndAbortSaysTheSame() throws Exception {
        List<Runnable> rejected = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        InstrumentedThreadPoolExecutor pool = new InstrumentedThreadPoolExecutor("rejects", 1, 1, 0,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), Thread::new, (r, e) -> rejected.add(r));
        Runnable blocker = () -> awaitQuietly(release);
        Runnable queued = new Marker();
        Runnable third = new Marker();
        pool.execute(blocker);
        pool.execute(queued);
        pool.execute(third);
        assertThat(rejected).containsExactly(third);

        pool.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
        assertThat(pool.getRejectedExecutionHandler()).isInstanceOf(ThreadPoolExecutor.AbortPolicy.class);
        assertThatThrownBy(() -> pool.execute(third))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageStartingWith("Task " + third + " rejected from ");

        assertThat(pool.remove(queued)).isTrue();
        pool.execute(queued);
        assertThat(pool.shutdownNow()).containsExactly(queued);
        release.countDown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void aSingleWorkerRunsTasksInSubmissionOrder() throws Exception {
        InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("order", 1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            pool.execute(() -> seen.add(n));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(seen).isEqualTo(java.util.stream.IntStream.range(0, 100).boxed().collect(Collectors.toList()));
    }

    @Test
    void aPoolThatTerminatesIsUnregistered() throws Exception {
        InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("short-lived", 2);
        assertThat(PoolRegistry.find(pool.name())).isNotNull();
        pool.submit(() -> 42).get();
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(PoolRegistry.find(pool.name())).isNull();
    }

    @Test
    void twoPoolsAskingForOneNameGetDistinctNames() {
        InstrumentedThreadPoolExecutor a = TaskflightExecutors.newFixedThreadPool("twin", 1);
        InstrumentedThreadPoolExecutor b = TaskflightExecutors.newFixedThreadPool("twin", 1);
        assertThat(a.name()).isNotEqualTo(b.name());
        assertThat(b.name()).startsWith("twin-");
        a.shutdown();
        b.shutdown();
    }

    static boolean isMarker(RecordedEvent poll) {
        return Marker.class.getName().equals(poll.getString("taskName"));
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task whose class is easy to find in the events. */
    static final class Marker implements Runnable {
        @Override
        public void run() {
        }
    }
}
