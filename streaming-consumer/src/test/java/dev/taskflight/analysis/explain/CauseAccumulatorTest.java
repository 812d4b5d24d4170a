package dev.taskflight.analysis.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.Explanation;
import org.junit.jupiter.api.Test;

class CauseAccumulatorTest {

    private static final long MS = 1_000_000L;

    @Test
    void sharesComeFromOverlapAndFromSamplesTimesThePeriod() {
        CauseAccumulator c = new CauseAccumulator();
        for (int i = 0; i < 3; i++) {
            c.executionSample("a.B.spin");
        }
        c.executionSample("a.B.other");
        c.blocked(CauseKind.MONITOR_ENTER, "a.Lock", 50 * MS);
        Explanation e = c.explain(100 * MS, 10 * MS);
        assertThat(e.mainCause().kind()).isEqualTo(CauseKind.MONITOR_ENTER);
        assertThat(e.mainCause().share()).isEqualTo(0.5);
        assertThat(e.causes().get(1).kind()).isEqualTo(CauseKind.CPU);
        assertThat(e.causes().get(1).share()).isEqualTo(0.4);
        assertThat(e.topFrames().get(0).frame()).isEqualTo("a.B.spin");
        assertThat(e.explainedShare()).isEqualTo(0.9);
        assertThat(e.describe()).isEqualTo("50% blocked on monitor a.Lock; 40% on CPU in a.B.spin");
    }

    @Test
    void sharesNeverExceedThePoll() {
        CauseAccumulator c = new CauseAccumulator();
        c.blocked(CauseKind.SLEEP, "", 500 * MS);
        c.blocked(CauseKind.PARK, "x.Y", 500 * MS);
        Explanation e = c.explain(100 * MS, 10 * MS);
        assertThat(e.causes()).allMatch(x -> x.share() <= 1.0);
        assertThat(e.explainedShare()).isEqualTo(1.0);
    }

    @Test
    void topFramesListTheInnermostFramesFirstThenTheirCallers() {
        CauseAccumulator c = new CauseAccumulator();
        for (int i = 0; i < 2; i++) {
            c.executionSample("a.Work.burnCpu");
            c.callers(java.util.List.of("a.Server.render", "a.Server.handle"));
        }
        assertThat(c.explain(100 * MS, 10 * MS).topFrames()).extracting(f -> f.frame())
                .containsExactly("a.Work.burnCpu", "a.Server.handle", "a.Server.render");
        assertThat(c.explain(100 * MS, 10 * MS).describe()).isEqualTo("20% on CPU in a.Work.burnCpu");
    }

    @Test
    void nothingRecordedSaysSo() {
        assertThat(new CauseAccumulator().explain(10 * MS, 10 * MS).describe())
                .isEqualTo("nothing recorded by the JDK on this thread");
    }

    @Test
    void samplingPeriodsAreParsedFromTheirSettings() {
        assertThat(ActiveSettingHandler.parsePeriod("10 ms")).isEqualTo(10 * MS);
        assertThat(ActiveSettingHandler.parsePeriod("20ms")).isEqualTo(20 * MS);
        assertThat(ActiveSettingHandler.parsePeriod("1 s")).isEqualTo(1000 * MS);
        assertThat(ActiveSettingHandler.parsePeriod("everyChunk")).isZero();
    }
}
