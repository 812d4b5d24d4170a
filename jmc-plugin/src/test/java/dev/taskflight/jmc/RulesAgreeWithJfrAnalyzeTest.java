package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.Findings;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.finding.PoolThreadBlockingFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.Severity;

/**
 * Every finding type has a JMC rule, and on each recording the rules report what {@code jfr-analyze}'s
 * engine ({@link FileAnalysis}, the CLI's offline analysis) reports: the same findings, line for
 * line, with the JMC severity that the most serious of them maps to; and the unseen-work rule reports
 * the unseen threads and samples that the CLI prints under its verdict.
 */
class RulesAgreeWithJfrAnalyzeTest {

    private static final Map<String, String> RULE_OF_TYPE = Map.of(
            PoolThreadBlockingFinding.TYPE, "TaskflightPoolThreadBlocking",
            BlockedEventLoopFinding.TYPE, "TaskflightBlockedEventLoop",
            LongPollFinding.TYPE, "TaskflightLongPoll",
            IdleWorkerFinding.TYPE, "TaskflightIdleWorker",
            SchedulingDelayFinding.TYPE, "TaskflightSchedulingDelay",
            QueueBacklogFinding.TYPE, "TaskflightQueueBacklog",
            ImbalanceFinding.TYPE, "TaskflightImbalance",
            PinnedCarrierFinding.TYPE, "TaskflightPinnedCarrier");
    /** The rule that is no finding: application code Taskflight did not see, as the CLI's "Not seen" lines. */
    private static final String UNSEEN_RULE = "TaskflightUnseenWork";

    @ParameterizedTest
    @EnumSource(Sample.class)
    void rulesReportTheFindingsOfJfrAnalyze(Sample sample) throws Exception {
        assertAgreement(TestRecordings.get(sample));
    }

    /** The committed sample corpus: real workloads recorded under the agent on JDK 17 and 25. */
    static Stream<Path> corpus() throws IOException {
        Path dir = Paths.get("..", "sample-recordings", "recordings");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jfr")).sorted().collect(Collectors.toList()).stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void rulesReportTheFindingsOfJfrAnalyzeOnTheSampleCorpus(Path file) throws Exception {
        assertAgreement(file);
    }

    private static void assertAgreement(Path file) throws Exception {
        AnalysisReport cli = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        Map<String, IResult> jmc = RuleRunner.evaluate(RuleRunner.load(file));

        assertThat(RULE_OF_TYPE).as("a JMC rule for every finding type").containsOnlyKeys(Findings.TYPES);
        assertThat(TaskflightRules.all()).extracting(IRule::getId).as("the rules")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(RULE_OF_TYPE.values().stream(), Stream.of(UNSEEN_RULE))
                        .collect(Collectors.toList()));
        IResult unseen = jmc.get(UNSEEN_RULE);
        assertThat(unseen.getSeverity() != Severity.NA).as("JMC and jfr-analyze both checked for unseen work, or neither")
                .isEqualTo(cli.unseen().checked());
        if (unseen.getSeverity() != Severity.NA) {
            assertThat(unseen.getSeverity()).as("unseen work").isEqualTo(cli.unseen().any() ? Severity.INFO : Severity.OK);
            if (cli.unseen().any()) {
                assertThat(unseen.getResult(UnseenWorkRule.THREADS).longValue()).as("unseen threads")
                        .isEqualTo(cli.unseen().threads());
                assertThat(unseen.getResult(UnseenWorkRule.SAMPLES).longValue()).as("unseen samples")
                        .isEqualTo(cli.unseen().cpuSamples());
            }
        } else {
            assertThat(cli.unseen().any()).as("no CPU samples, so jfr-analyze sees no unseen work").isFalse();
        }
        for (String type : RULE_OF_TYPE.keySet()) {
            List<Finding> expected = cli.findings().stream().filter(f -> f.type().equals(type))
                    .collect(Collectors.toList());
            IResult result = jmc.get(RULE_OF_TYPE.get(type));
            if (result.getSeverity() == Severity.NA) {
                assertThat(expected).as(type + " is not applicable, so jfr-analyze finds nothing").isEmpty();
                continue;
            }
            assertThat(result.getResult(RuleResults.FINDINGS)).as(type)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(RuleResults::line)
                            .collect(Collectors.toList()));
            assertThat(result.getSeverity()).as(type).isEqualTo(expected.isEmpty() ? Severity.OK
                    : expected.stream().map(Finding::severity).max(Enum::compareTo).map(s -> switch (s) {
                        case CRITICAL -> Severity.WARNING;
                        default -> Severity.INFO;
                    }).orElseThrow());
        }
    }
}
