package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.agent.child.QueuedTasksWorkload;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent measures the scheduling delay of sampled tasks of plain {@code ThreadPoolExecutor} and
 * {@code ForkJoinPool} submissions (one in 4 here: {@code -Dtaskflight.delaySampling=4}): as
 * {@code SchedulingDelaySample} in production, and in the sampled tasks' {@code TaskPoll} in trace.
 */
class AgentQueueDelayIT {

    private static final Predicate<RecordedEvent> FIXED =
            e -> PoolField.read(e.getString("pool")).equals("backlog-worker");
    private static final Predicate<RecordedEvent> FORK_JOIN =
            e -> e.getString("pool").startsWith("QueuedTasksWorkload.main:");
    /** A task behind seven others waits at least seven holds. */
    private static final long LONG_WAIT_NANOS = Duration.ofMillis(7 * QueuedTasksWorkload.HOLD_MILLIS).toNanos();

    @TempDir
    Path dir;

    @Test
    void productionRecordsSampledDelaysOfQueuedTasksOfPlainPools() throws Exception {
        List<RecordedEvent> samples = record("taskflight.jfc").stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.SCHEDULING_DELAY_SAMPLE))
                .collect(Collectors.toList());
        for (Predicate<RecordedEvent> pool : List.of(FIXED, FORK_JOIN)) {
            List<RecordedEvent> mine = samples.stream().filter(pool).collect(Collectors.toList());
            assertThat(mine).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> {
                assertThat(e.getLong("samplingInterval")).isEqualTo(4);
                assertThat(e.getInt("worker")).isZero();
                assertThat(e.getLong("schedulingDelay")).isNotNegative();
            });
            assertThat(mine).anySatisfy(e -> assertThat(e.getDuration("schedulingDelay").toNanos()).isGreaterThanOrEqualTo(LONG_WAIT_NANOS));
        }
    }

    @Test
    void traceGivesTheSampledTasksPollsTheirDelay() throws Exception {
        List<RecordedEvent> polls = record("taskflight-trace.jfc").stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .collect(Collectors.toList());
        for (Predicate<RecordedEvent> pool : List.of(FIXED, FORK_JOIN)) {
            List<RecordedEvent> mine = polls.stream().filter(pool).collect(Collectors.toList());
            assertThat(mine).hasSizeGreaterThanOrEqualTo(QueuedTasksWorkload.TASKS);
            List<RecordedEvent> delayed = mine.stream().filter(e -> e.getLong("schedulingDelay") != Long.MIN_VALUE)
                    .collect(Collectors.toList());
            assertThat(delayed).hasSizeBetween(1, mine.size() - 1);
            assertThat(delayed).anySatisfy(e -> assertThat(e.getDuration("schedulingDelay").toNanos()).isGreaterThanOrEqualTo(LONG_WAIT_NANOS));
        }
    }

    private List<RecordedEvent> record(String settings) throws Exception {
        Path jfr = dir.resolve(settings + ".jfr");
        ChildJvm.Result child = ChildJvm.run(List.of(
                "-javaagent:" + ChildJvm.agentJar(),
                "-Dtaskflight.delaySampling=4",
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings(settings) + ","
                        + AgentRecordings.CLASS_LOADS + ",filename=" + jfr),
                QueuedTasksWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("done");
        return AgentRecordings.read(jfr);
    }
}
