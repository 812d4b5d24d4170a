package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.agent.child.SchedulersWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same unmodified program as {@link AgentRecordingIT}, under the production profile and the
 * agent's default mode: no poll is timed on its worker, and still every 30 ms spin is a long poll
 * of its worker, found by the watchdog, and the counters count every task.
 */
class AgentProductionIT {

    private static final Pattern SPIN = Pattern.compile("^spin (\\S+) (.+)$", Pattern.MULTILINE);
    private static final long SPIN_NANOS = Duration.ofMillis(SchedulersWorkload.SPIN_MILLIS).toNanos();

    @TempDir
    static Path dir;
    static ChildJvm.Result child;
    static List<RecordedEvent> events;
    static Map<String, String> spinThreads;

    @BeforeAll
    static void recordTheWorkload() throws Exception {
        Path jfr = dir.resolve("production.jfr");
        child = ChildJvm.run(List.of(
                "-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr),
                SchedulersWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        events = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX))
                .collect(Collectors.toList());
        spinThreads = SPIN.matcher(child.stdout()).results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
    }

    @Test
    void everyThirtyMillisecondSpinIsALongPollOfItsWorker() {
        Map<String, String> pools = Map.of(
                "fixed", "orders-worker",
                "scheduled", "SchedulersWorkload.main:",
                "supply-async", "ForkJoinPool.commonPool",
                "user-fork-join", "SchedulersWorkload.main:");
        pools.forEach((spin, pool) -> {
            String thread = spinThreads.get(spin);
            assertThat(thread).as("spin on " + spin).isNotNull();
            assertThat(of(EventNames.TASK_POLL).filter(e -> e.getString("pool").startsWith(pool))
                    .filter(e -> threadName(e.getThread("eventThread")).equals(thread))
                    .filter(e -> e.getDuration().toNanos() >= SPIN_NANOS))
                    .as("a >= 30 ms poll of %s on %s (%s)", pool, thread, spin)
                    .isNotEmpty();
        });
    }

    @Test
    void shortPollsAreNotRecordedButCounted() {
        assertThat(of(EventNames.TASK_POLL)).allSatisfy(e ->
                assertThat(e.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(10)));
        Map<Integer, Long> pollsPerWorker = of(EventNames.WORKER_SAMPLE)
                .filter(e -> e.getString("pool").equals("orders-worker"))
                .collect(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max));
        assertThat(pollsPerWorker.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(21);
    }

    private static java.util.stream.Stream<RecordedEvent> of(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name));
    }

    private static String threadName(RecordedThread thread) {
        return thread == null ? "" : String.valueOf(thread.getJavaName());
    }
}
