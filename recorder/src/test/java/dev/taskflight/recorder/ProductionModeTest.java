package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.core.RecordingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The production profile times no poll on its worker, yet still records every long poll (through the
 * watchdog) and counts every poll exactly. A known schedule: many short tasks with a few long ones.
 */
class ProductionModeTest {

    private static final int SHORT = 400;
    private static final int LONG = 5;
    private static final Duration LONG_POLL = Duration.ofMillis(60);

    /**
     * A long task: its class marks its polls. It waits rather than spins, so that the watchdog gets
     * a core on a loaded 2-core machine; a watchdog that gets no CPU at all during a poll cannot see it
     * (docs/modes.md).
     */
    static final class LongTask implements Runnable {
        @Override
        public void run() {
            Work.hold(LONG_POLL);
        }
    }

    @Test
    void aThreadPoolRecordsEveryLongPollAndCountsEveryPoll() throws Exception {
        runSchedule("prod-tpe", name -> TaskflightExecutors.newFixedThreadPool(name, 2));
    }

    @Test
    void aForkJoinPoolRecordsEveryLongPollAndCountsEveryPoll() throws Exception {
        runSchedule("prod-fj", name -> TaskflightExecutors.newForkJoinPool(name, 2));
    }

    private static void runSchedule(String name, Function<String, ExecutorService> create) throws Exception {
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            ExecutorService pool = create.apply(name);
            await().until(RecordingMode::recording);
            assertThat(RecordingMode.trace()).as("the production profile is served by the watchdog").isFalse();
            String poolName = poolName(pool);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SHORT + LONG; i++) {
                done.add(i % (SHORT / LONG + 1) == SHORT / LONG ? pool.submit(new LongTask()) : pool.submit(() -> { }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            List<RecordedEvent> longPolls = capture.awaitEvents(EventNames.TASK_POLL, poolName, l -> longOnes(l).size() >= LONG);
            assertThat(longOnes(longPolls)).hasSize(LONG).allSatisfy(e -> {
                assertThat(e.getDuration()).isGreaterThanOrEqualTo(LONG_POLL);
                assertThat(e.getInt("worker")).isBetween(0, 1);
                assertThat(e.getThread().getJavaName()).isNotEqualTo("taskflight-watchdog");
            });
            List<RecordedEvent> samples = capture.awaitWorkerPolls(poolName, SHORT + LONG);
            assertThat(EventCapture.sum(samples, "polls")).isEqualTo(SHORT + LONG);
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void aPollThatDoesNotEndIsReportedWhileItRunsWithTheWorkersStack() throws Exception {
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            InstrumentedThreadPoolExecutor pool = TaskflightExecutors.newFixedThreadPool("prod-stuck", 1);
            await().until(RecordingMode::recording);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> stuck = pool.submit(() -> {
                release.await();
                return null;
            });
            List<RecordedEvent> seen = capture.awaitEvents(EventNames.POLL_IN_PROGRESS, pool.name(), l -> !l.isEmpty());
            release.countDown();
            stuck.get();
            RecordedEvent e = seen.get(0);
            assertThat(e.getInt("worker")).isZero();
            assertThat(e.getThread("workerThread").getJavaName()).startsWith("pool-");
            assertThat(e.getDuration("runningTime")).isGreaterThanOrEqualTo(Duration.ofMillis(10));
            assertThat(e.getString("stack")).contains("CountDownLatch.await", ProductionModeTest.class.getName());
            assertThat(e.getClass("taskClass").getName()).contains(ProductionModeTest.class.getName());
            capture.awaitEvents(EventNames.TASK_POLL, pool.name(), l -> !l.isEmpty());
            pool.shutdown();
        }
    }

    @Test
    void pollsRunWithNoRecordingAreCountedWhenARecordingStartsLater() throws Exception {
        countsPollsRunWithNoRecording(TaskflightExecutors.newFixedThreadPool("prod-before", 2));
    }

    @Test
    void forkJoinPollsRunWithNoRecordingAreCountedWhenARecordingStartsLater() throws Exception {
        countsPollsRunWithNoRecording(TaskflightExecutors.newForkJoinPool("prod-before-fj", 2));
    }

    private static void countsPollsRunWithNoRecording(ExecutorService pool) throws Exception {
        await().until(() -> !RecordingMode.recording()); // no recording of an earlier test
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            done.add(pool.submit(() -> { }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            await().until(RecordingMode::recording);
            pool.submit(() -> { }).get();
            assertThat(EventCapture.sum(capture.awaitWorkerPolls(poolName(pool), 101), "polls")).isEqualTo(101);
        }
        pool.shutdown();
    }

    @Test
    void aRecordingThatTurnsOffEveryTaskflightEventLeavesTheRecorderDormant() throws Exception {
        ExecutorService pool = TaskflightExecutors.newFixedThreadPool("prod-dormant", 2);
        await().until(() -> !RecordingMode.recording()); // no recording of an earlier test
        Map<String, String> off = TaskflightSettings.layered("default", Profile.OFF);
        Map<String, String> allButOne = new HashMap<>(off);
        allButOne.put(EventNames.WORKER_SAMPLE + "#enabled", "true");
        try (Recording jdkOnly = new Recording(off)) {
            jdkOnly.start();
            // JFR tells its listeners before start returns, so the mode has followed already
            assertThat(RecordingMode.recording()).as("JFR's events alone").isFalse();
            await().until(() -> watchdogs().isEmpty()); // one of an earlier test's recording may still be ending
            for (int i = 0; i < 100; i++) {
                pool.submit(() -> { }).get();
            }
            try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
                await().until(RecordingMode::recording);
                pool.submit(() -> { }).get();
                // the polls run under the JDK's recording alone are counted as those run under none
                assertThat(EventCapture.sum(capture.awaitWorkerPolls(poolName(pool), 101), "polls")).isEqualTo(101);
            }
            await().until(() -> !RecordingMode.recording());
            await().until(() -> watchdogs().isEmpty());
            try (Recording one = new Recording(allButOne)) {
                one.start();
                assertThat(RecordingMode.recording()).as("one Taskflight event turned on").isTrue();
            }
            assertThat(RecordingMode.recording()).isFalse();
        } finally {
            pool.shutdown();
        }
    }

    private static List<Thread> watchdogs() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("taskflight-watchdog"))
                .filter(Thread::isAlive).toList();
    }

    @Test
    void aPollStuckBeforeARecordingStartsIsReportedOnceItDoes() throws Exception {
        InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("prod-stuck-before", 1);
        await().until(() -> !RecordingMode.recording()); // no recording of an earlier test
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> stuck = pool.submit(() -> {
            started.countDown();
            release.await();
            return null;
        });
        started.await();
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            RecordedEvent e = capture.awaitEvents(EventNames.POLL_IN_PROGRESS, pool.name(), l -> !l.isEmpty()).get(0);
            assertThat(e.getString("stack")).contains("CountDownLatch.await", ProductionModeTest.class.getName());
            assertThat(e.getClass("taskClass").getName()).contains(ProductionModeTest.class.getName());
            release.countDown();
            stuck.get();
            pool.submit(() -> { }).get();
            assertThat(EventCapture.sum(capture.awaitWorkerPolls(pool.name(), 2), "polls")).isEqualTo(2);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void aPollTimedByATraceRecordingThatStopsWhileItRunsEndsCleanly() throws Exception {
        InstrumentedForkJoinPool pool = TaskflightExecutors.newForkJoinPool("trace-stops", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> running;
        try (EventCapture capture = new EventCapture(Profile.TRACE)) {
            await().until(RecordingMode::trace);
            running = pool.submit(() -> {
                started.countDown();
                release.await();
                return null;
            });
            started.await();
        }
        await().until(() -> !RecordingMode.recording());
        release.countDown();
        running.get();
        for (int i = 0; i < 10; i++) {
            pool.submit(() -> { }).get();
        }
        try (EventCapture capture = new EventCapture(Profile.PRODUCTION)) {
            await().until(RecordingMode::recording);
            pool.submit(() -> { }).get();
            assertThat(EventCapture.sum(capture.awaitWorkerPolls(pool.name(), 12), "polls")).isEqualTo(12);
        }
        pool.shutdown();
    }

    private static List<RecordedEvent> longOnes(List<RecordedEvent> polls) {
        return polls.stream().filter(e -> LongTask.class.getName().equals(e.getString("taskName")))
                .toList();
    }

    private static String poolName(ExecutorService pool) {
        return pool instanceof InstrumentedThreadPoolExecutor t ? t.name() : ((InstrumentedForkJoinPool) pool).name();
    }
}
