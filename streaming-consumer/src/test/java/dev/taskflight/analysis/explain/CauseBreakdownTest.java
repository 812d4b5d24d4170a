package dev.taskflight.analysis.explain;

import static dev.taskflight.analysis.fixtures.MixedCausesWorkload.GC;
import static dev.taskflight.analysis.fixtures.MixedCausesWorkload.MIXED;
import static dev.taskflight.analysis.fixtures.MixedCausesWorkload.SATURATED;
import static dev.taskflight.analysis.fixtures.MixedCausesWorkload.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.MixedCausesWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cause breakdown and the explained delays on a recording with known causes
 * ({@link MixedCausesWorkload}). Shares are compared with the workload's proportions within a wide
 * tolerance, so that a loaded machine (late wake-ups, slow lock hand-over) cannot fail the test.
 */
class CauseBreakdownTest {

    /** How far a share may be from the workload's proportion. */
    private static final double TOLERANCE = 0.2;
    private static final String LEDGER = MixedCausesWorkload.Ledger.class.getName();
    private static final String NAP = MixedCausesWorkload.class.getName() + ".nap";

    private static AnalysisReport report;

    @BeforeAll
    static void analyze() throws Exception {
        report = new FileAnalysis(Recordings.recordProduction("mixed-causes.jfr", MixedCausesWorkload::run),
                AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    @Test
    void theBreakdownNamesEachCauseWithItsSubjectInTheKnownProportions() {
        CauseBreakdown mixed = report.breakdown(MIXED).orElseThrow();
        assertThat(mixed.longPolls()).isEqualTo(MixedCausesWorkload.SLEEP_POLLS + MixedCausesWorkload.LOCK_POLLS);
        CauseShare sleep = share(mixed, CauseKind.SLEEP).orElseThrow();
        CauseShare monitor = share(mixed, CauseKind.MONITOR_ENTER).orElseThrow();
        assertThat(sleep.subject()).isEqualTo(NAP);
        assertThat(sleep.caller()).isNotEmpty();
        assertThat(sleep.polls()).isEqualTo(MixedCausesWorkload.SLEEP_POLLS);
        assertThat(monitor.subject()).isEqualTo(LEDGER);
        assertThat(monitor.polls()).isEqualTo(MixedCausesWorkload.LOCK_POLLS);
        assertThat(sleep.share()).isCloseTo(2.0 / 3, within(TOLERANCE)).isGreaterThan(monitor.share());
        assertThat(monitor.share()).isCloseTo(1.0 / 3, within(TOLERANCE));
        assertThat(mixed.causes().stream().mapToDouble(CauseShare::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(mixed.describe(2)).startsWith(Math.round(sleep.share() * 100) + "% sleeping in Thread.sleep " + NAP);
    }

    @Test
    void gcPausesInsidePollsAreNamedAsStoppedByTheJvm() {
        CauseShare pause = share(report.breakdown(GC).orElseThrow(), CauseKind.JVM_PAUSE).orElseThrow();
        assertThat(pause.subject()).isEqualTo(JvmPauses.GC);
        assertThat(pause.share()).isPositive();
        LongPoll longest = report.longPolls().stream().filter(p -> p.pool().equals(GC)).findFirst().orElseThrow();
        assertThat(longest.explanation().causes()).anyMatch(c -> c.kind() == CauseKind.JVM_PAUSE);
    }

    @Test
    void aPoolWithoutLongPollsHasNoBreakdown() {
        assertThat(report.pools()).anyMatch(p -> p.name().equals(SHORT));
        assertThat(report.breakdown(SHORT)).isEmpty();
    }

    @Test
    void theLongestDelaysOfASaturatedPoolAreExplainedByTheSlowTaskClass() {
        DelayExplanation saturated = report.delay(SATURATED).orElseThrow();
        String slow = MixedCausesWorkload.SlowTask.class.getName();
        assertThat(saturated.workers()).isEqualTo(2);
        assertThat(taskClasses(saturated.heldBy())).first().isEqualTo(slow);
        DelayExplanation.Delay longest = saturated.delays().get(0);
        assertThat(longest.taskClass()).isEqualTo(MixedCausesWorkload.FastTask.class.getName());
        assertThat(taskClasses(longest.heldBy())).containsExactly(slow);
        assertThat(saturated.describe(1)).isEqualTo("workers held by " + slow + " "
                + Math.round(saturated.heldBy().get(0).share() * 100) + "%");
        assertThat(report.delay(MIXED)).isEmpty();
    }

    private static List<String> taskClasses(List<DelayExplanation.Holder> holders) {
        return holders.stream().map(DelayExplanation.Holder::taskClass).filter(c -> !c.startsWith("("))
                .collect(Collectors.toList());
    }

    private static Optional<CauseShare> share(CauseBreakdown b, CauseKind kind) {
        return b.causes().stream().filter(c -> c.kind() == kind).findFirst();
    }
}
