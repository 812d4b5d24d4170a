package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmc.flightrecorder.rules.IResult;

/**
 * On each recording, what JMC's parser gives the engine ({@link RecordingModel}, through the
 * plugin's item view) is what {@code jfr-analyze}'s engine reads from the file, in detail: the
 * long polls with their causes, shares, top frames and callers (the watchdog's stacks of polls still
 * running among them), the pools' cause breakdowns, the explained delays, the idle episodes and the
 * pinning; and the long-poll rule's text carries the breakdown. Times may differ by JMC's rounding
 * of ticks, so durations and shares are compared within a microsecond and a millionth.
 */
class DetailsAgreeWithJfrAnalyzeTest {

    private static final long NANOS = 1_000;
    private static final double SHARE = 1e-6;

    @ParameterizedTest
    @MethodSource("dev.taskflight.jmc.RulesAgreeWithJfrAnalyzeTest#corpus")
    void jmcAndJfrAnalyzeAgreeOnTheDetailsOfTheSampleCorpus(Path file) throws Exception {
        assertDetailsAgree(file);
    }

    @ParameterizedTest
    @EnumSource(Sample.class)
    void jmcAndJfrAnalyzeAgreeOnTheDetailsOfTheTestRecordings(Sample sample) throws Exception {
        assertDetailsAgree(TestRecordings.get(sample));
    }

    private static void assertDetailsAgree(Path file) throws Exception {
        AnalysisReport cli = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        AnalysisReport jmc = RecordingModel.read(RuleRunner.load(file), FindingThresholds.DEFAULT).report();

        assertThat(jmc.longPolls()).as("long polls").hasSameSizeAs(cli.longPolls());
        for (int i = 0; i < cli.longPolls().size(); i++) {
            assertSamePoll(jmc.longPolls().get(i), cli.longPolls().get(i));
        }
        assertThat(jmc.breakdowns()).as("breakdowns").hasSameSizeAs(cli.breakdowns());
        for (int i = 0; i < cli.breakdowns().size(); i++) {
            assertSameBreakdown(jmc.breakdowns().get(i), cli.breakdowns().get(i));
        }
        assertThat(pools(jmc.delays())).as("explained delays").isEqualTo(pools(cli.delays()));
        for (int i = 0; i < cli.delays().size(); i++) {
            DelayExplanation a = jmc.delays().get(i);
            DelayExplanation b = cli.delays().get(i);
            assertThat(a.delays()).hasSameSizeAs(b.delays());
            assertThat(a.heldBy().stream().map(DelayExplanation.Holder::taskClass).collect(Collectors.toList()))
                    .isEqualTo(b.heldBy().stream().map(DelayExplanation.Holder::taskClass).collect(Collectors.toList()));
            assertThat(a.sites()).isEqualTo(b.sites());
        }
        assertThat(jmc.idleEpisodes()).as("idle episodes").hasSameSizeAs(cli.idleEpisodes());
        assertThat(jmc.pinning().where()).as("pinning").isEqualTo(cli.pinning().where());
        assertThat(jmc.pinning().events()).isEqualTo(cli.pinning().events());

        IResult longPolls = RuleRunner.evaluate(RuleRunner.load(file)).get("TaskflightLongPoll");
        String pool = longPolls.getResult(RuleResults.POOL);
        if (pool != null) {
            assertThat(longPolls.getResult(LongPollRule.BREAKDOWN)).isEqualTo(cli.breakdown(pool).orElseThrow()
                    .describe(4));
        }
    }

    private static void assertSamePoll(LongPoll a, LongPoll b) {
        String as = b.pool() + " worker " + b.worker() + " at " + b.start();
        assertThat(a.pool()).as(as).isEqualTo(b.pool());
        assertThat(a.worker()).as(as).isEqualTo(b.worker());
        assertThat(a.taskClass()).as(as).isEqualTo(b.taskClass());
        assertThat(a.thread()).as(as).isEqualTo(b.thread());
        assertThat(a.virtualThread()).as(as).isEqualTo(b.virtualThread());
        assertThat(a.durationNanos()).as(as).isCloseTo(b.durationNanos(), within(NANOS));
        assertThat(a.explanation().topFrames()).as(as + ": top frames and callers").isEqualTo(b.explanation().topFrames());
        assertThat(a.explanation().cpuSamples()).as(as).isEqualTo(b.explanation().cpuSamples());
        List<Cause> ca = a.explanation().causes();
        List<Cause> cb = b.explanation().causes();
        assertThat(ca).as(as + ": causes").hasSameSizeAs(cb);
        for (int i = 0; i < cb.size(); i++) {
            assertThat(ca.get(i).kind()).as(as).isEqualTo(cb.get(i).kind());
            assertThat(ca.get(i).subject()).as(as).isEqualTo(cb.get(i).subject());
            assertThat(ca.get(i).events()).as(as).isEqualTo(cb.get(i).events());
            assertThat(ca.get(i).share()).as(as).isCloseTo(cb.get(i).share(), within(SHARE));
        }
    }

    private static void assertSameBreakdown(CauseBreakdown a, CauseBreakdown b) {
        assertThat(a.pool()).isEqualTo(b.pool());
        assertThat(a.longPolls()).as(b.pool()).isEqualTo(b.longPolls());
        assertThat(a.causes()).as(b.pool()).hasSameSizeAs(b.causes());
        for (int i = 0; i < b.causes().size(); i++) {
            CauseShare x = a.causes().get(i);
            CauseShare y = b.causes().get(i);
            assertThat(x.kind()).as(b.pool() + " " + i).isEqualTo(y.kind());
            assertThat(x.where()).as(b.pool() + " " + i).isEqualTo(y.where());
            assertThat(x.polls()).as(b.pool() + " " + i).isEqualTo(y.polls());
            assertThat(x.share()).as(b.pool() + " " + i).isCloseTo(y.share(), within(SHARE));
        }
    }

    private static List<String> pools(List<DelayExplanation> delays) {
        return delays.stream().map(DelayExplanation::pool).collect(Collectors.toList());
    }
}
