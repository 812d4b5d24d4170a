package dev.taskflight.agent;

import static dev.taskflight.agent.child.SocketReadsWorkload.READERS;
import static dev.taskflight.agent.child.SocketReadsWorkload.READS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.SocketReadsWorkload;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual threads woken by the JDK's I/O poller: {@link SocketReadsWorkload}'s readers each mount at
 * least {@code 1 + READS} times (every read parks the reader before its byte is written), and each
 * of their {@code READS} long mounts commits a JFR event of the reader's own. Every mount is a poll
 * of {@code VirtualThreadScheduler} in the counters and, in trace, a {@code TaskPoll} naming its
 * reader; under the production profile every long mount is a {@code TaskPoll} (JDK 25 dropped the
 * carrier's event after a virtual thread's own, see {@code CarrierEventWriter}).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadMountsIT {

    private static final String SCHEDULER = "VirtualThreadScheduler";
    private static final Pattern READER = Pattern.compile("^reader (\\d+)$", Pattern.MULTILINE);
    private static final long SPIN_NANOS = Duration.ofMillis(SocketReadsWorkload.SPIN_MILLIS).toNanos();

    @TempDir
    Path dir;

    @Test
    void inTraceEveryMountOfEveryReaderIsATaskPollAndCounted() throws Exception {
        Run run = record("taskflight-trace.jfc");
        assertThat(run.pollsPerReader()).as("TaskPolls per reader").hasSize(READERS)
                .allSatisfy((reader, polls) -> assertThat(polls).as("reader " + reader).isGreaterThanOrEqualTo(1 + READS));
        assertThat(run.longPollsPerReader()).allSatisfy((reader, polls) ->
                assertThat(polls).as("long mounts of reader " + reader).isGreaterThanOrEqualTo(READS));
        assertThat(run.counted()).as("polls counted").isGreaterThanOrEqualTo((long) READERS * (1 + READS));
    }

    @Test
    void inProductionEveryLongMountIsATaskPollAndEveryMountCounted() throws Exception {
        Run run = record("taskflight.jfc");
        assertThat(run.longPollsPerReader()).as("long TaskPolls per reader").hasSize(READERS)
                .allSatisfy((reader, polls) -> assertThat(polls).as("reader " + reader).isGreaterThanOrEqualTo(READS));
        assertThat(run.counted()).as("polls counted").isGreaterThanOrEqualTo((long) READERS * (1 + READS));
    }

    private Run record(String jfc) throws Exception {
        Path jfr = dir.resolve(jfc + ".jfr");
        ChildJvm.Result child = ChildJvm.recordUnderAgent(jfr, "default", jfc, SocketReadsWorkload.class);
        assertThat(child.stdout()).contains("done");
        Set<Long> readers = READER.matcher(child.stdout()).results()
                .map(m -> Long.parseLong(m.group(1))).collect(Collectors.toSet());
        assertThat(readers).hasSize(READERS);
        return new Run(readers, AgentRecordings.read(jfr));
    }

    /** One recording of the workload and its readers' thread ids. */
    private record Run(Set<Long> readers, List<RecordedEvent> events) {

        Map<Long, Long> pollsPerReader() {
            return perReader(mounts().collect(Collectors.toList()));
        }

        Map<Long, Long> longPollsPerReader() {
            return perReader(mounts().filter(e -> e.getDuration().toNanos() >= SPIN_NANOS).collect(Collectors.toList()));
        }

        /** Polls counted on the scheduler: the last WorkerSample of each worker, summed. */
        long counted() {
            return events.stream().filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                    .filter(e -> e.getString("pool").equals(SCHEDULER))
                    .collect(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max))
                    .values().stream().mapToLong(Long::longValue).sum();
        }

        private java.util.stream.Stream<RecordedEvent> mounts() {
            return events.stream().filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                    .filter(e -> e.getString("pool").equals(SCHEDULER))
                    .filter(e -> e.getThread("virtualThread") != null)
                    .filter(e -> readers.contains(e.getThread("virtualThread").getJavaThreadId()));
        }

        private static Map<Long, Long> perReader(List<RecordedEvent> mounts) {
            return mounts.stream().collect(Collectors.groupingBy(
                    e -> e.getThread("virtualThread").getJavaThreadId(), Collectors.counting()));
        }
    }
}
