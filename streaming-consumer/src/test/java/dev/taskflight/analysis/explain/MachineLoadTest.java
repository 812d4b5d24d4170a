package dev.taskflight.analysis.explain;

import static dev.taskflight.analysis.explain.Shares.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The time of a long poll that no sample and no event explains, where the machine's CPU was
 * saturated, is charged to {@link CauseKind#CPU_SATURATED}; nothing else is. Deterministic inputs:
 * the rule is the point.
 */
class MachineLoadTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long PERIOD = 20 * MS;

    /** A 100 ms poll at 0.2 s, with one execution sample (20 ms) and 30 ms blocked on a monitor. */
    private static Window poll(PoolCauses pool) {
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.cpu("com.acme.Work.spin", "", 0, true);
        w.blocked(CauseKind.MONITOR_ENTER, "com.acme.Ledger", "", 30 * MS);
        return w;
    }

    @Test
    void whatNothingElseExplainsOfAPollOnASaturatedMachineIsChargedToTheSaturation() {
        PoolCauses pool = new PoolCauses("p");
        Window w = poll(pool);
        MachineLoad load = new MachineLoad();
        load.add(SECOND, 0.95);
        load.charge(List.of(w), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU)).isCloseTo(0.2, within(1e-9));
        assertThat(share(b, CauseKind.MONITOR_ENTER)).isCloseTo(0.3, within(1e-9));
        assertThat(share(b, CauseKind.CPU_SATURATED)).isCloseTo(0.5, within(1e-9));
        assertThat(share(b, CauseKind.UNEXPLAINED)).isZero();
        assertThat(b.describe(5)).contains("50% on a saturated CPU (machine at 90% or more; no sample or JDK event)");

        Explanation e = w.causes.explain(100 * MS, PERIOD);
        assertThat(e.causes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(CauseKind.CPU_SATURATED);
            assertThat(c.nanos()).isEqualTo(50 * MS);
        });
        assertThat(e.explainedShare()).isCloseTo(1.0, within(1e-9));
        // what the JDK recorded on the thread leads, the machine's saturation after it, whatever its share
        assertThat(e.causes()).extracting(c -> c.kind())
                .containsExactly(CauseKind.MONITOR_ENTER, CauseKind.CPU, CauseKind.CPU_SATURATED);
        assertThat(e.mainCause().kind()).isEqualTo(CauseKind.MONITOR_ENTER);
    }

    @Test
    void aPollWithNothingRecordedOnASaturatedMachineHasTheSaturationAsItsMainCause() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        MachineLoad load = new MachineLoad();
        load.add(SECOND, 0.97);
        load.charge(List.of(w), PERIOD);

        Explanation e = w.causes.explain(100 * MS, PERIOD);
        assertThat(e.mainCause().kind()).isEqualTo(CauseKind.CPU_SATURATED);
        assertThat(e.describe()).isEqualTo("100% on a saturated CPU (machine at 90% or more; no sample or JDK event)");
    }

    @Test
    void aMachineUnderTheThresholdLeavesTheRestUnexplained() {
        PoolCauses pool = new PoolCauses("p");
        Window w = poll(pool);
        MachineLoad load = new MachineLoad();
        load.add(SECOND, 0.89);
        load.charge(List.of(w), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_SATURATED)).isZero();
        assertThat(share(b, CauseKind.UNEXPLAINED)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void onlyThePartOfAPollInASaturatedSecondCounts() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(900 * MS, 1_100 * MS, new CauseAccumulator(), pool);
        pool.poll(200 * MS);
        MachineLoad load = new MachineLoad();
        load.add(2 * SECOND, 0.2); // out of order: readings are sorted by time
        load.add(SECOND, 1.0);
        load.charge(List.of(w), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_SATURATED)).isCloseTo(0.5, within(1e-9));
        assertThat(share(b, CauseKind.UNEXPLAINED)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aPollTheSamplesAndEventsExplainEntirelyGetsNoSaturation() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.blocked(CauseKind.SLEEP, "com.acme.Api.nap", "", 100 * MS);
        MachineLoad load = new MachineLoad();
        load.add(SECOND, 1.0);
        load.charge(List.of(w), PERIOD);

        assertThat(share(pool.breakdown(PERIOD, 0), CauseKind.CPU_SATURATED)).isZero();
    }

    @Test
    void aReadingAfterAGapCoversAMinuteAtMost() {
        PoolCauses pool = new PoolCauses("p");
        Window early = new Window(SECOND, SECOND + 100 * MS, null, pool);
        Window late = new Window(100 * SECOND, 100 * SECOND + 100 * MS, null, pool);
        pool.poll(100 * MS);
        pool.poll(100 * MS);
        MachineLoad load = new MachineLoad();
        load.add(0, 0.1);
        load.add(120 * SECOND, 1.0); // covers 60-120 s, not 0-120 s
        load.charge(List.of(early, late), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_SATURATED)).isCloseTo(0.5, within(1e-9));
    }
}
