package dev.taskflight.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.recorder.core.RecordingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A known schedule on a saturated CPU, under the production profile: two workers run two busy waves
 * of 25 ms and 1 ms tasks with a pause between, while other threads keep every core busy (and the
 * watchdog thread waits its turn). Every long task's poll is recorded exactly once, around the task
 * and inside the pool's {@code beforeExecute}-to-{@code afterExecute} span (the stated bound of a
 * timed poll is nothing, docs/modes.md), and no recorded poll overlaps another poll or a park of its
 * worker.
 */
class SaturatedScheduleTest {

    private static final int LONG_PER_WAVE = 10;
    private static final int SHORT_PER_WAVE = 20;
    private static final Duration LONG = Duration.ofMillis(25);
    @TempDir
    Path dir;

    /** The span of a long task's body, on JFR's clock and the worker's thread. */
    @Name("test.TaskBody")
    static final class TaskBody extends Event {
    }

    /** The span from the pool's {@code beforeExecute} to its {@code afterExecute}: around the poll. */
    @Name("test.TaskRun")
    static final class TaskRun extends Event {
    }

    /** Two workers, each task run bracketed by a {@link TaskRun}. */
    static final class BracketedPool extends InstrumentedThreadPoolExecutor {
        private final ThreadLocal<TaskRun> run = ThreadLocal.withInitial(TaskRun::new);

        BracketedPool(String name) {
            super(name, 2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            run.get().begin();
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            TaskRun event = run.get();
            event.end();
            event.commit();
        }
    }

    /** A long task: its class marks its polls. */
    static final class LongTask implements Runnable {
        @Override
        public void run() {
            TaskBody body = new TaskBody();
            body.begin();
            Work.spin(LONG);
            body.commit();
        }
    }

    @Test
    void everyLongPollIsRecordedOnceAroundItsTaskAndNoPollOverlapsAnotherOrAParkOnASaturatedCpu() throws Exception {
        Path file = dir.resolve("saturated.jfr");
        String name = "saturated-" + System.nanoTime();
        try (Saturation cpu = new Saturation(2 * Runtime.getRuntime().availableProcessors());
                Recording r = new Recording(TaskflightSettings.load(Profile.PRODUCTION))) {
            r.enable(TaskBody.class).withThreshold(Duration.ZERO);
            r.enable(TaskRun.class).withThreshold(Duration.ZERO);
            new TaskBody().begin(); // JFR sets the event classes up here, not in the first long task
            new TaskRun().begin();
            r.start();
            ExecutorService pool = new BracketedPool(name);
            await().until(() -> RecordingMode.recording() && !RecordingMode.trace());
            wave(pool);
            await().pollDelay(Duration.ofMillis(300)).until(() -> true); // the pause: both workers park
            wave(pool);
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> polls = of(events, EventNames.TASK_POLL, name);
        List<RecordedEvent> bodies = events.stream().filter(e -> e.getEventType().getName().equals("test.TaskBody"))
                .collect(Collectors.toList());
        List<RecordedEvent> runs = events.stream().filter(e -> e.getEventType().getName().equals("test.TaskRun"))
                .collect(Collectors.toList());
        List<RecordedEvent> longPolls = polls.stream()
                .filter(e -> LongTask.class.getName().equals(e.getString("taskName")))
                .collect(Collectors.toList());

        assertThat(bodies).hasSize(2 * LONG_PER_WAVE);
        for (RecordedEvent body : bodies) {
            List<RecordedEvent> around = onThreadAround(longPolls, body);
            assertThat(around).as("the poll around the task at %s", body.getStartTime()).hasSize(1);
            List<RecordedEvent> run = onThreadAround(runs, around.get(0));
            assertThat(run).as("the task run around the poll at %s", body.getStartTime()).hasSize(1);
        }
        assertThat(longPolls).as("every long poll, once").hasSize(2 * LONG_PER_WAVE);
        List<RecordedEvent> parks = of(events, EventNames.WORKER_PARK, name);
        for (int worker = 0; worker < 2; worker++) {
            int w = worker;
            List<RecordedEvent> spans = new ArrayList<>();
            spans.addAll(polls.stream().filter(e -> e.getInt("worker") == w).toList());
            spans.addAll(parks.stream().filter(e -> e.getInt("worker") == w).toList());
            spans.sort(Comparator.comparing(RecordedEvent::getStartTime));
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i).getStartTime())
                        .as("worker %d: %s after %s", w, spans.get(i).getEventType().getName(), spans.get(i - 1))
                        .isAfterOrEqualTo(spans.get(i - 1).getEndTime());
            }
        }
        assertThat(of(events, EventNames.WORKER_SAMPLE, name).stream()
                .collect(Collectors.groupingBy(e -> e.getInt("worker"),
                        Collectors.reducing(0L, e -> e.getLong("polls"), Math::max)))
                .values().stream().mapToLong(Long::longValue).sum())
                .as("every poll counted").isEqualTo(2L * (LONG_PER_WAVE + SHORT_PER_WAVE));
    }

    private static void wave(ExecutorService pool) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < LONG_PER_WAVE + SHORT_PER_WAVE; i++) {
            done.add(i % 3 == 0 ? pool.submit(new LongTask()) : pool.submit(() -> Work.spin(Duration.ofMillis(1))));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static List<RecordedEvent> onThreadAround(List<RecordedEvent> outer, RecordedEvent inner) {
        return outer.stream().filter(o -> o.getThread().getJavaThreadId() == inner.getThread().getJavaThreadId())
                .filter(o -> contains(o, inner)).collect(Collectors.toList());
    }

    private static boolean contains(RecordedEvent outer, RecordedEvent inner) {
        Instant start = outer.getStartTime();
        return !start.isAfter(inner.getStartTime()) && !outer.getEndTime().isBefore(inner.getEndTime());
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String type, String pool) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type))
                .filter(e -> pool.equals(PoolField.read(e.getString("pool")))).collect(Collectors.toList());
    }

    /** Threads that keep the CPU busy until closed. */
    static final class Saturation implements AutoCloseable {
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();

        Saturation(int count) {
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (running) {
                        x += x * 31 + 7;
                    }
                }, "saturation-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
