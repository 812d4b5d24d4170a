package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import dev.taskflight.analysis.finding.FindingThresholds;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A real recording of a saturated machine with the JDK's execution sampling off: the long polls'
 * CPU time, by their threads' CPU clocks, is "on CPU, in no sample", and the time that nothing else
 * explains, in the seconds the JDK's {@code jdk.CPULoad} read the machine at 90% or more, "on a saturated
 * CPU", by {@code jfr-analyze}'s engine and by JMC's parser alike, and the long-poll rule says what to do
 * about it. Skipped where the workload could not
 * saturate the machine (a JVM given part of a larger one).
 */
class SaturatedCpuTest {

    @Test
    void longPollsOfASaturatedMachineWithNoSamplesAreChargedToTheSaturation() throws Exception {
        Path file = TestRecordings.get(Sample.SATURATED);
        assumeTrue(saturatedReadings(file) > 0, "jdk.CPULoad never read the machine at 90% or more");

        CauseBreakdown cli = breakdown(new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run());
        assertThat(share(cli, CauseKind.CPU_SATURATED)).isPositive();
        assertThat(share(cli, CauseKind.CPU_UNSAMPLED)).as("the spins' CPU time, by their clocks").isPositive();
        assertThat(share(cli, CauseKind.CPU)).as("no samples were taken").isZero();
        assertThat(cli.describe(3)).contains("on a saturated CPU (machine at 90% or more; no sample or JDK event)");

        CauseBreakdown jmc = breakdown(RecordingModel.read(RuleRunner.load(file), FindingThresholds.DEFAULT).report());
        for (CauseKind kind : new CauseKind[] {CauseKind.CPU_SATURATED, CauseKind.CPU_UNSAMPLED, CauseKind.OFF_CPU}) {
            assertThat(share(jmc, kind)).as(kind.id()).isCloseTo(share(cli, kind), within(1e-6));
        }
        String rule = RuleRunner.text(RuleRunner.evaluate(RuleRunner.load(file)).get("TaskflightLongPoll"));
        assertThat(rule).contains("Pool saturated:", "on a saturated CPU", "no core to spare", "on CPU, in no sample",
                "work the JDK's sampler missed");
    }

    private static long saturatedReadings(Path file) throws Exception {
        long saturated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.CPULoad") && e.getFloat("machineTotal") >= CauseKind.SATURATED_PERCENT / 100f) {
                saturated++;
            }
        }
        return saturated;
    }

    private static CauseBreakdown breakdown(AnalysisReport report) {
        return report.breakdown("saturated").orElseThrow();
    }

    private static double share(CauseBreakdown b, CauseKind kind) {
        return b.causes().stream().filter(c -> c.kind() == kind).mapToDouble(CauseShare::share).sum();
    }
}
