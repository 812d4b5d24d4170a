package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.agent.child.SchedulersWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs an unmodified program under {@code -javaagent:taskflight-agent.jar} and
 * {@code -XX:StartFlightRecording} with the trace profile, in a child JVM of the JDK running the
 * test (17, and 25 in the jdk25-tests profile), and checks the recording pool by pool.
 */
class AgentRecordingIT {

    private static final Pattern SPIN = Pattern.compile("^spin (\\S+) (.+)$", Pattern.MULTILINE);
    private static final long SPIN_NANOS = Duration.ofMillis(SchedulersWorkload.SPIN_MILLIS).toNanos();

    @TempDir
    static Path dir;
    static ChildJvm.Result child;
    static List<RecordedEvent> events;
    static Map<String, String> spinThreads;

    @BeforeAll
    static void recordTheWorkload() throws Exception {
        Path jfr = dir.resolve("workload.jfr");
        child = ChildJvm.run(List.of(
                "-javaagent:" + ChildJvm.agentJar() + "=mode=trace",
                "-XX:StartFlightRecording:settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr),
                SchedulersWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("done");
        events = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX))
                .collect(Collectors.toList());
        spinThreads = SPIN.matcher(child.stdout()).results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
    }

    @Test
    void theAgentStartsWithoutAWordOnTheConsole() {
        assertThat(child.stderr()).doesNotContain("Taskflight", "WARNING", "Exception", "Sharing is only supported");
    }

    @Test
    void aThirtyMillisecondSpinIsAPollOfAtLeastThirtyMillisecondsOnTheRightPoolAndWorker() {
        Map<String, String> pools = Map.of(
                "fixed", "orders-worker",
                "scheduled", "SchedulersWorkload.main:",
                "parallel-stream", "ForkJoinPool.commonPool",
                "supply-async", "ForkJoinPool.commonPool",
                "user-fork-join", "SchedulersWorkload.main:");
        pools.forEach((spin, pool) -> {
            String thread = spinThreads.get(spin);
            assertThat(thread).as("spin on " + spin).isNotNull();
            if (spin.equals("parallel-stream") && !thread.startsWith("ForkJoinPool.commonPool")) {
                return; // the calling thread took that part of the stream: not a pool poll
            }
            assertThat(polls().filter(e -> e.getString("pool").startsWith(pool))
                    .filter(e -> threadName(e.getThread("eventThread")).equals(thread))
                    .filter(e -> e.getDuration().toNanos() >= SPIN_NANOS))
                    .as("a >= 30 ms poll of %s on %s (%s)", pool, thread, spin)
                    .isNotEmpty();
        });
    }

    @Test
    void eachTaskOfABurstOfAsyncSubmissionsIsAPollOfItsOwn() {
        // JDK 17 runs the burst from the submission queue inside one topLevelExec call
        // (merged, they would be fewer polls); the one supply-async spin adds one more
        assertThat(polls().filter(e -> e.getString("pool").equals("ForkJoinPool.commonPool"))
                .filter(e -> e.getString("taskName") != null // the application's supplier, not the JDK's wrapper
                        && e.getString("taskName").startsWith(SchedulersWorkload.class.getName()))
                .filter(e -> e.getDuration().toMillis() >= SchedulersWorkload.BURST_MILLIS))
                .as("one >= %d ms poll per burst task", SchedulersWorkload.BURST_MILLIS)
                .hasSizeGreaterThanOrEqualTo(SchedulersWorkload.BURST + 1);
    }

    @Test
    void everyPoolIsNamedReportedWithItsKindAndInstrumentedByTheAgent() {
        Map<String, String> kinds = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POOL_INFO))
                .filter(e -> Instrumentation.AGENT.equals(e.getString("instrumentation")))
                .collect(Collectors.toMap(e -> e.getString("pool"), e -> e.getString("kind"), (a, b) -> a));
        assertThat(kinds).containsEntry("orders-worker", PoolKinds.THREAD_POOL_EXECUTOR)
                .containsEntry("ForkJoinPool.commonPool", PoolKinds.FORK_JOIN_POOL);
        assertThat(kinds.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("SchedulersWorkload.main:");
            assertThat(e.getValue()).isEqualTo(PoolKinds.SCHEDULED_THREAD_POOL_EXECUTOR);
        });
        assertThat(kinds.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("SchedulersWorkload.main:");
            assertThat(e.getValue()).isEqualTo(PoolKinds.FORK_JOIN_POOL);
        });
    }

    @Test
    void threadPoolPollsCountEveryTaskAndWorkersParkOnTheEmptyQueue() {
        assertThat(polls().filter(e -> PoolField.read(e.getString("pool")).equals("orders-worker")))
                .hasSizeGreaterThanOrEqualTo(21);
        assertThat(of(EventNames.WORKER_PARK).filter(e -> e.getString("pool").equals("orders-worker"))
                .filter(e -> e.getLong("queuedTasks") >= 0)).isNotEmpty();
        Map<Integer, Long> pollsPerWorker = of(EventNames.WORKER_SAMPLE)
                .filter(e -> e.getString("pool").equals("orders-worker"))
                .collect(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max));
        assertThat(pollsPerWorker.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(21);
    }

    @Test
    void scheduledTasksCarryTheirSchedulingDelay() {
        assertThat(polls().filter(e -> e.getString("pool").startsWith("SchedulersWorkload.main:"))
                .filter(e -> e.getDuration().toNanos() >= SPIN_NANOS))
                .anySatisfy(e -> assertThat(e.getDuration("schedulingDelay")).isBetween(Duration.ZERO, Duration.ofSeconds(5)));
    }

    @Test
    void forkJoinWorkersStealParkAndReportTheirLocalQueues() {
        Set<String> forkJoinPools = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POOL_INFO))
                .filter(e -> PoolKinds.FORK_JOIN_POOL.equals(e.getString("kind")))
                .map(e -> e.getString("pool")).collect(Collectors.toSet());
        assertThat(of(EventNames.TASK_STEAL).filter(e -> forkJoinPools.contains(e.getString("pool")))).isNotEmpty();
        // each steal is recorded on the thief just before the poll of the task it took
        assertThat(of(EventNames.TASK_STEAL).filter(e -> forkJoinPools.contains(e.getString("pool"))))
                .anySatisfy(steal -> assertThat(polls()
                        .filter(p -> PoolField.read(p.getString("pool")).equals(steal.getString("pool")))
                        .filter(p -> p.getInt("worker") == steal.getInt("worker"))
                        .filter(p -> !p.getStartTime().isBefore(steal.getStartTime()))).isNotEmpty());
        assertThat(of(EventNames.WORKER_PARK).filter(e -> forkJoinPools.contains(e.getString("pool")))).isNotEmpty();
        assertThat(of(EventNames.WORKER_SAMPLE).filter(e -> forkJoinPools.contains(e.getString("pool"))))
                .allSatisfy(e -> assertThat(e.getInt("localQueueDepth")).isGreaterThanOrEqualTo(0));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void everyMountOfAVirtualThreadIsAPollOnItsCarrier() {
        List<RecordedEvent> mounts = polls().filter(e -> e.getString("pool").equals("VirtualThreadScheduler"))
                .collect(Collectors.toList());
        assertThat(mounts).allSatisfy(e -> assertThat(e.getThread("virtualThread")).isNotNull());
        assertThat(mounts).anySatisfy(e -> {
            assertThat(e.getDuration().toNanos()).isGreaterThanOrEqualTo(SPIN_NANOS);
            assertThat(threadName(e.getThread("eventThread"))).startsWith("ForkJoinPool-");
        });
        Map<Long, List<RecordedEvent>> byThread = mounts.stream()
                .collect(Collectors.groupingBy(e -> e.getThread("virtualThread").getJavaThreadId()));
        Matcher sleeper = Pattern.compile("sleeper VirtualThread\\[#(\\d+)").matcher(child.stdout());
        assertThat(sleeper.find()).isTrue();
        List<RecordedEvent> sleeps = byThread.get(Long.parseLong(sleeper.group(1)));
        // It mounts at least three times: started, and woken after each of its two sleeps; each is a poll.
        assertThat(sleeps).as("mounts of the sleeping virtual thread").hasSizeGreaterThanOrEqualTo(3);
        List<RecordedEvent> inOrder = sleeps.stream().sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                .collect(Collectors.toList());
        assertThat(inOrder.get(1).getStartTime()).isAfter(inOrder.get(0).getEndTime());
        assertThat(inOrder.subList(1, inOrder.size()))
                .allSatisfy(e -> assertThat(e.getLong("schedulingDelay")).isNotEqualTo(Long.MIN_VALUE));
        assertThat(of(EventNames.WORKER_PARK).filter(e -> e.getString("pool").equals("VirtualThreadScheduler")))
                .isNotEmpty();
        assertThat(of(EventNames.QUEUE_SAMPLE).filter(e -> e.getString("pool").equals("VirtualThreadScheduler")))
                .allSatisfy(e -> assertThat(e.getString("kind")).isEqualTo(PoolKinds.VIRTUAL_THREAD_SCHEDULER));
    }

    private static java.util.stream.Stream<RecordedEvent> polls() {
        return of(EventNames.TASK_POLL);
    }

    private static java.util.stream.Stream<RecordedEvent> of(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name));
    }

    private static String threadName(RecordedThread thread) {
        return thread == null ? "" : String.valueOf(thread.getJavaName());
    }

}
