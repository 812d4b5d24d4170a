package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.TaskflightSettings.Profile;
import dev.taskflight.events.delay.SchedulingDelaySampleEvent;
import dev.taskflight.events.park.WorkerParkEvent;
import dev.taskflight.events.poll.PollInProgressEvent;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.steal.TaskStealEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventRecordingTest {

    @TempDir
    Path dir;

    @Test
    void everyEventRoundTripsItsFieldsThroughARecording() throws Exception {
        Thread worker = Thread.currentThread();
        List<RecordedEvent> events = record(Profile.TRACE, () -> {
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            poll.pool = "compute";
            poll.worker = 3;
            poll.taskName = EventRecordingTest.class.getName();
            poll.schedulingDelay = TaskPollEvent.delayOf(1_500_999);
            poll.end();
            poll.commit();

            WorkerParkEvent park = new WorkerParkEvent();
            park.begin();
            park.pool = "compute";
            park.worker = 1;
            park.queuedTasks = 7;
            park.queuedAtPark = 3;
            park.commit();

            TaskStealEvent steal = new TaskStealEvent();
            steal.pool = "compute";
            steal.worker = 2;
            steal.victimQueue = 5;
            steal.taskClass = String.class;
            steal.commit();

            WorkerSampleEvent ws = new WorkerSampleEvent();
            ws.pool = "compute";
            ws.worker = 0;
            ws.workerThread = worker;
            ws.polls = 100;
            ws.busyTime = 2_000_000;
            ws.idleTime = 3_000_000;
            ws.parks = 4;
            ws.steals = 5;
            ws.localQueueDepth = 6;
            ws.commit();

            QueueSampleEvent qs = new QueueSampleEvent();
            qs.pool = "http";
            qs.kind = PoolKinds.THREAD_POOL_EXECUTOR;
            qs.parallelism = 8;
            qs.poolSize = 6;
            qs.activeWorkers = 5;
            qs.runningWorkers = -1;
            qs.queuedTasks = 42;
            qs.queuedSubmissions = -1;
            qs.steals = -1;
            qs.completedTasks = 1000;
            qs.commit();

            PoolInfoEvent info = new PoolInfoEvent();
            info.pool = "http";
            info.kind = PoolKinds.THREAD_POOL_EXECUTOR;
            info.parallelism = 8;
            info.corePoolSize = 8;
            info.maximumPoolSize = 16;
            info.keepAliveTime = 60_000_000_000L;
            info.queueCapacity = Integer.MAX_VALUE;
            info.asyncMode = false;
            info.instrumentation = Instrumentation.LIBRARY;
            info.taskflightVersion = "test";
            info.commit();

            PollInProgressEvent stuck = new PollInProgressEvent();
            stuck.pool = "compute";
            stuck.worker = 1;
            stuck.workerThread = worker;
            stuck.taskClass = Integer.class;
            stuck.runningTime = 12_000_000;
            stuck.stack = "java.lang.Thread.sleep(Thread.java)";
            stuck.commit();

            SchedulingDelaySampleEvent delay = new SchedulingDelaySampleEvent();
            delay.pool = "http";
            delay.worker = 2;
            delay.schedulingDelay = 250_000;
            delay.samplingInterval = 64;
            delay.commit();
        });

        RecordedEvent poll = only(events, EventNames.TASK_POLL);
        assertThat(poll.getString("pool")).isEqualTo("compute");
        assertThat(poll.getInt("worker")).isEqualTo(3);
        assertThat(poll.getString("taskName")).isEqualTo(EventRecordingTest.class.getName());
        assertThat(poll.hasField("taskClass")).isFalse();
        assertThat(poll.getDuration("schedulingDelay")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(poll.hasField("stolen")).isFalse();
        assertThat(poll.getThread("virtualThread")).isNull();
        assertThat(poll.getThread().getJavaName()).isEqualTo(worker.getName());
        assertThat(poll.getStackTrace()).isNull();

        RecordedEvent park = only(events, EventNames.WORKER_PARK);
        assertThat(park.getInt("worker")).isEqualTo(1);
        assertThat(park.getLong("queuedTasks")).isEqualTo(7);
        assertThat(park.getLong("queuedAtPark")).isEqualTo(3);

        RecordedEvent steal = only(events, EventNames.TASK_STEAL);
        assertThat(steal.getInt("worker")).isEqualTo(2);
        assertThat(steal.getInt("victimQueue")).isEqualTo(5);
        assertThat(steal.getClass("taskClass").getName()).isEqualTo("java.lang.String");

        RecordedEvent ws = only(events, EventNames.WORKER_SAMPLE);
        assertThat(ws.getThread("workerThread").getJavaName()).isEqualTo(worker.getName());
        assertThat(ws.getLong("polls")).isEqualTo(100);
        assertThat(ws.getDuration("busyTime")).isEqualTo(Duration.ofMillis(2));
        assertThat(ws.getDuration("idleTime")).isEqualTo(Duration.ofMillis(3));
        assertThat(ws.getLong("parks")).isEqualTo(4);
        assertThat(ws.getLong("steals")).isEqualTo(5);
        assertThat(ws.getInt("localQueueDepth")).isEqualTo(6);

        RecordedEvent qs = only(events, EventNames.QUEUE_SAMPLE);
        assertThat(qs.getString("kind")).isEqualTo("ThreadPoolExecutor");
        assertThat(qs.getInt("parallelism")).isEqualTo(8);
        assertThat(qs.getInt("poolSize")).isEqualTo(6);
        assertThat(qs.getInt("activeWorkers")).isEqualTo(5);
        assertThat(qs.getInt("runningWorkers")).isEqualTo(-1);
        assertThat(qs.getLong("queuedTasks")).isEqualTo(42);
        assertThat(qs.getLong("completedTasks")).isEqualTo(1000);

        RecordedEvent info = only(events, EventNames.POOL_INFO);
        assertThat(info.getInt("maximumPoolSize")).isEqualTo(16);
        assertThat(info.getDuration("keepAliveTime")).isEqualTo(Duration.ofSeconds(60));
        assertThat(info.getLong("queueCapacity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(info.getString("instrumentation")).isEqualTo("library");

        RecordedEvent stuck = only(events, EventNames.POLL_IN_PROGRESS);
        assertThat(stuck.getString("pool")).isEqualTo("compute");
        assertThat(stuck.getInt("worker")).isEqualTo(1);
        assertThat(stuck.getThread("workerThread").getJavaName()).isEqualTo(worker.getName());
        assertThat(stuck.getClass("taskClass").getName()).isEqualTo("java.lang.Integer");
        assertThat(stuck.getDuration("runningTime")).isEqualTo(Duration.ofMillis(12));
        assertThat(stuck.getThread("virtualThread")).isNull();
        assertThat(stuck.getString("stack")).contains("Thread.sleep");

        RecordedEvent delay = only(events, EventNames.SCHEDULING_DELAY_SAMPLE);
        assertThat(delay.getString("pool")).isEqualTo("http");
        assertThat(delay.getInt("worker")).isEqualTo(2);
        assertThat(delay.getDuration("schedulingDelay")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(delay.getInt("samplingInterval")).isEqualTo(64);
    }

    @Test
    void anUnmeasuredDelayIsRecordedAsUnknown() throws Exception {
        List<RecordedEvent> events = record(Profile.TRACE, () -> {
            TaskPollEvent poll = new TaskPollEvent();
            poll.begin();
            poll.schedulingDelay = TaskPollEvent.UNKNOWN_DELAY;
            poll.commit();
        });
        assertThat(only(events, EventNames.TASK_POLL).getLong("schedulingDelay")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theProductionProfileKeepsLongPollsAndDropsShortOnes() throws Exception {
        List<RecordedEvent> events = record(Profile.PRODUCTION, () -> {
            emitPoll("short", Duration.ZERO);
            emitPoll("long", Duration.ofMillis(12));
            TaskStealEvent steal = new TaskStealEvent();
            steal.commit();
        });
        assertThat(names(events, EventNames.TASK_POLL)).containsExactly("long");
        assertThat(events).noneMatch(e -> e.getEventType().getName().equals(EventNames.TASK_STEAL));
    }

    @Test
    void theTraceProfileKeepsEveryPollAndSteal() throws Exception {
        List<RecordedEvent> events = record(Profile.TRACE, () -> {
            emitPoll("short", Duration.ZERO);
            emitPoll("long", Duration.ofMillis(12));
            new TaskStealEvent().commit();
        });
        // in any order: JFR does not promise that a file holds one thread's events in the order they were
        // committed (seen on JDK 25 under a CPU hog: the 12 ms poll first)
        assertThat(names(events, EventNames.TASK_POLL)).containsExactlyInAnyOrder("short", "long");
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals(EventNames.TASK_STEAL));
    }

    /** JFR's header alone (size, type, start, duration, thread, stack trace): what no duration event goes under. */
    @Name("taskflight.test.HeaderOnly")
    @StackTrace(false)
    static final class HeaderOnly extends Event {
    }

    /**
     * The event contract's size budget: a trace poll's fields take at most 7 bytes beyond JFR's header
     * (13 bytes here, so 20 in all) for a request-like poll: a pool name of any length up to 127
     * characters (JFR pools a string of over 16, and the recorder pads a shorter name to 17:
     * {@link PoolField}), a named task, a delay under 128 µs, no virtual thread. The header's own size varies
     * with the machine's tick counter, so the fields are measured against events of the header alone,
     * committed in turn with the polls and as long; sizes are JFR's own, from {@code jfr summary}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http-nio-8080-exec-requests", "qtp1916575798", "pool-1", "pool-of-16-chars"})
    void aTracePollsFieldsTakeAtMost7BytesBeyondJfrsHeader(String poolName) throws Exception {
        Path file = dir.resolve("sizes.jfr");
        int events = 20_000;
        try (Recording recording = new Recording(TaskflightSettings.layered("default", Profile.TRACE))) {
            recording.enable(HeaderOnly.class).withoutStackTrace().withoutThreshold();
            recording.start();
            String pool = PoolField.write(poolName); // as the recorder writes it: padded if short
            String task = EventRecordingTest.class.getName() + ".handle (lambda 0)";
            for (int i = 0; i < events; i++) {
                HeaderOnly header = new HeaderOnly();
                header.begin();
                spin(20_000);
                header.commit();
                TaskPollEvent poll = new TaskPollEvent();
                poll.begin();
                spin(20_000);
                poll.end();
                poll.pool = pool;
                poll.worker = i % 8;
                poll.taskName = task;
                poll.schedulingDelay = TaskPollEvent.delayOf(15_000 + i % 100_000);
                poll.commit();
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, long[]> summary = summary(file);
        long[] polls = summary.get(EventNames.TASK_POLL);
        long[] headers = summary.get("taskflight.test.HeaderOnly");
        assertThat(polls[0]).isEqualTo(events);
        assertThat(headers[0]).isEqualTo(events);
        double fields = (double) polls[1] / polls[0] - (double) headers[1] / headers[0];
        // fields take whole bytes; the two kinds' headers differ by a fraction of a byte at most (a
        // preempted event's duration can take a byte more), so under 7.5 is 7 bytes, and 8 would fail
        assertThat(fields).as("bytes of a TaskPoll's fields").isLessThan(7.5);
    }

    /** Waits {@code nanos} on the clock, so the events have a request's duration. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** {@code jfr summary}'s count and bytes of each event type in {@code file}. */
    private static Map<String, long[]> summary(Path file) throws Exception {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process p = new ProcessBuilder(jfr.toString(), "summary", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, long[]> sizes = new HashMap<>();
        for (String line : out.split("\\R")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 3 && cells[1].matches("\\d+") && cells[2].matches("\\d+")) {
                sizes.put(cells[0], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return sizes;
    }

    /** Emits a poll lasting at least {@code length}; waits on the clock, not on a sleep. */
    static void emitPoll(String pool, Duration length) {
        TaskPollEvent poll = new TaskPollEvent();
        poll.begin();
        long deadline = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
        poll.end();
        poll.pool = pool;
        poll.commit();
    }

    private List<RecordedEvent> record(Profile profile, Runnable body) throws Exception {
        Path file = dir.resolve(profile + ".jfr");
        try (Recording recording = new Recording(TaskflightSettings.layered("default", profile))) {
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        assertThat(Files.size(file)).isPositive();
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX))
                .collect(Collectors.toList());
    }

    private static List<String> names(List<RecordedEvent> events, String type) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(type))
                .map(e -> e.getString("pool"))
                .collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type) {
        List<RecordedEvent> found = events.stream()
                .filter(e -> e.getEventType().getName().equals(type))
                .collect(Collectors.toList());
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }
}
