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
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            poll.taskClass = EventRecordingTest.class;
            poll.schedulingDelay = 1_500_000;
            poll.stolen = true;
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
        assertThat(poll.getClass("taskClass").getName()).isEqualTo(EventRecordingTest.class.getName());
        assertThat(poll.getDuration("schedulingDelay")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(poll.getBoolean("stolen")).isTrue();
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
        assertThat(names(events, EventNames.TASK_POLL)).containsExactly("short", "long");
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals(EventNames.TASK_STEAL));
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
