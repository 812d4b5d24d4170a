package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.SchedulersWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under a recording of JFR's own events with {@code taskflight-off.jfc} layered on: the
 * program runs as it does with Taskflight's profile, the recording holds JFR's events and none of
 * Taskflight's, and the recorder stays dormant: no watchdog thread starts, where the same program
 * under {@code taskflight.jfc} starts one. The analyzer says what such a recording lacks, and gives no all-clear.
 */
class AgentDormantIT {

    private static final String WATCHDOG = "taskflight-watchdog";

    @TempDir
    static Path dir;
    static ChildJvm.Result off;
    static ChildJvm.Result on;
    static List<RecordedEvent> offEvents;
    static List<RecordedEvent> onEvents;

    @BeforeAll
    static void recordTheWorkloadWithTaskflightOffAndOn() throws Exception {
        Path offJfr = dir.resolve("off.jfr");
        off = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight-off.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + offJfr),
                SchedulersWorkload.class);
        assertThat(off.exitCode()).as(off.stderr()).isZero();
        offEvents = AgentRecordings.read(offJfr);
        Path onJfr = dir.resolve("on.jfr");
        on = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",filename=" + onJfr),
                SchedulersWorkload.class);
        assertThat(on.exitCode()).as(on.stderr()).isZero();
        onEvents = AgentRecordings.read(onJfr);
    }

    @Test
    void theProgramRunsAsUnderTaskflightsProfile() {
        assertThat(off.stdout()).contains("done");
        assertThat(lines(off, "sum ")).isEqualTo(lines(on, "sum ")).isNotEmpty();
        assertThat(lines(off, "fib ")).isEqualTo(lines(on, "fib ")).isNotEmpty();
    }

    @Test
    void theRecordingHoldsJfrsEventsAndNoneOfTaskflights() {
        assertThat(offEvents).noneMatch(e -> e.getEventType().getName().startsWith(EventNames.PREFIX));
        // JFR's own events that every such recording holds, whatever the machine's speed (a short program on a
        // busy machine may give no execution sample): the JVM's description, at each chunk, and thread starts
        assertThat(offEvents).anyMatch(e -> e.getEventType().getName().equals("jdk.JVMInformation"))
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ThreadStart"));
        assertThat(onEvents).anyMatch(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE));
    }

    @Test
    void noWatchdogStartsWhereTaskflightsProfileStartsOne() {
        assertThat(threadsStarted(onEvents)).contains(WATCHDOG);
        assertThat(threadsStarted(offEvents)).as("threads started under taskflight-off.jfc")
                .contains("orders-worker-1").doesNotContain(WATCHDOG);
    }

    @Test
    void theAnalyzerSaysWhatTheRecordingLacksAndGivesNoAllClear() throws Exception {
        AnalysisReport report = new FileAnalysis(dir.resolve("off.jfr"), AnalysisOptions.DEFAULT,
                ProgressListener.NONE).run();
        assertThat(report.pools()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("need the Taskflight java agent")
                && n.contains("taskflight-off.jfc"));
        assertThat(report.allSeen()).as("an all-clear over work Taskflight did not see").isFalse();
    }

    @Test
    void theApplicationLoadsNoTaskflightClass() {
        AgentRecordings.assertNoTaskflightClassLoadedByTheApplication(offEvents);
    }

    private static List<String> threadsStarted(List<RecordedEvent> events) {
        return events.stream().filter(e -> e.getEventType().getName().equals("jdk.ThreadStart"))
                .map(e -> e.getThread("thread")).map(AgentDormantIT::name).toList();
    }

    private static String name(RecordedThread t) {
        return t == null ? "" : t.getJavaName();
    }

    private static List<String> lines(ChildJvm.Result child, String prefix) {
        return Stream.of(child.stdout().split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }
}
