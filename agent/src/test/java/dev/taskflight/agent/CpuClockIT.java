package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.CpuClockWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM under the agent and the production profile, with the JDK's execution sampling off: the
 * watchdog reads the CPU clocks of a poll that spins and of a poll that parks in parks too short for the
 * JDK to record, their workers write {@code PollCpuTime}, and {@code jfr-analyze}'s engine names the one
 * "on CPU, in no sample" and the other "off CPU, in no JDK event", where both would otherwise be
 * unexplained. Neither share depends on the machine's speed: a spin's CPU time is positive however
 * slowly it runs, and a parked thread uses next to none.
 */
class CpuClockIT {

    private static final String POOL = "clocked-worker";

    @TempDir
    static Path dir;
    static List<RecordedEvent> clocks;
    static AnalysisReport report;

    @BeforeAll
    static void recordTheWorkload() throws Exception {
        Path jfr = dir.resolve("clocked.jfr");
        Path noSamples = Files.writeString(dir.resolve("no-samples.jfc"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="No execution samples">
                  <event name="jdk.ExecutionSample"><setting name="enabled">false</setting></event>
                </configuration>
                """);
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",settings=" + noSamples + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), CpuClockWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("Taskflight", "Exception");
        clocks = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POLL_CPU_TIME)).toList();
        report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    @Test
    void eachLongPollsWorkerWritesTheCpuTimeItsThreadUsedFromTheWatchdogsReadingToThePollsEnd() {
        assertThat(clocks).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> {
            assertThat(e.getString("pool")).startsWith(POOL);
            assertThat(e.getThread().getJavaName()).startsWith(POOL);
            assertThat(e.getDuration("cpuTime")).isLessThanOrEqualTo(e.getDuration());
        });
    }

    @Test
    void theSpinsTimeIsOnCpuInNoSample_andTheShortParksOffCpuInNoEvent() {
        LongPoll spin = poll(CpuClockWorkload.SpinTask.class);
        LongPoll nap = poll(CpuClockWorkload.NapTask.class);
        assertThat(nanos(spin, CauseKind.CPU_UNSAMPLED)).as(spin.explanation().describe()).isPositive();
        assertThat(nanos(spin, CauseKind.CPU)).as("no samples were taken").isZero();
        assertThat(nanos(nap, CauseKind.OFF_CPU)).as(nap.explanation().describe()).isPositive();
        // a parked thread uses next to no CPU; next to, not none: its wake-ups and the poll's first
        // run (interpreted, linking) were seen to cost a few milliseconds of a 300 ms nap (JDK 25)
        assertThat(nanos(nap, CauseKind.CPU_UNSAMPLED)).as(nap.explanation().describe())
                .isLessThan(nanos(nap, CauseKind.OFF_CPU) / 10);

        String pool = spin.pool();
        assertThat(share(pool, CauseKind.CPU_UNSAMPLED)).isPositive();
        assertThat(share(pool, CauseKind.OFF_CPU)).isPositive();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith("No CPU samples")
                .contains("at most its threads' CPU clocks tell how much there was"));
    }

    private static LongPoll poll(Class<?> task) {
        return report.longPolls().stream().filter(p -> p.taskClass().equals(task.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no long poll of " + task.getName() + " in " + report.longPolls()));
    }

    private static long nanos(LongPoll poll, CauseKind kind) {
        return poll.explanation().causes().stream().filter(c -> c.kind() == kind).mapToLong(Cause::nanos).sum();
    }

    private static double share(String pool, CauseKind kind) {
        return report.breakdown(pool).orElseThrow().causes().stream().filter(c -> c.kind() == kind)
                .mapToDouble(CauseShare::share).sum();
    }
}
