package dev.taskflight.analysis.finding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolThreadBlockingFindingTest {

    /** The committed lock-contention workload, recorded without the agent: no Taskflight event. */
    private static final Path NO_AGENT = Path.of("..", "sample-recordings", "recordings",
            "lock-contention-jdk25-no-agent.jfr");

    @Test
    void aRecordingWithoutTheAgentReportsMonitorContentionOnPoolThreadsAndSaysPollsNeedTheAgent() throws Exception {
        AnalysisReport report = new FileAnalysis(NO_AGENT, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();

        assertThat(report.recording().taskflightEvents()).isZero();
        Finding f = report.findings().stream().filter(x -> x.type().equals(PoolThreadBlockingFinding.TYPE))
                .findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.pool()).isEqualTo("pool-1");
        assertThat(f.message()).contains("blocked on a monitor", "LockContention$SharedLedger",
                PoolThreadBlockingFinding.NEEDS_AGENT);
        assertThat(report.highestSeverity()).contains(Severity.WARNING);
    }

    @Test
    void onlyPoolsTaskflightDidNotSeeAndBlockingOverTheMinimumAreFindings() {
        ThreadGroupReport.Blocking monitor = new ThreadGroupReport.Blocking(CauseKind.MONITOR_ENTER, 3,
                PoolThreadBlockingFinding.MIN_BLOCKED.toNanos(), "com.acme.Ledger");
        ThreadGroupReport.Blocking shortSleep = new ThreadGroupReport.Blocking(CauseKind.SLEEP, 1,
                PoolThreadBlockingFinding.MIN_BLOCKED.toNanos() - 1, "com.acme.Api.nap");
        ThreadGroupReport unseen = group("pool-2", false, List.of(monitor, shortSleep));
        ThreadGroupReport seen = group("orders", true, List.of(monitor));
        ThreadGroupReport calm = group("pool-3", false, List.of(shortSleep));

        List<Finding> findings = PoolThreadBlockingFinding.evaluate(List.of(unseen, seen, calm));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pool()).isEqualTo("pool-2");
            assertThat(f.message()).isEqualTo("pool threads (2) blocked on a monitor 3 times for 20.0 ms in total,"
                    + " mostly on com.acme.Ledger; " + PoolThreadBlockingFinding.NEEDS_AGENT);
        });
    }

    private static ThreadGroupReport group(String name, boolean taskflight, List<ThreadGroupReport.Blocking> b) {
        return new ThreadGroupReport(name, taskflight, 2, 0, 0, List.of(), 0, List.of(), b);
    }
}
