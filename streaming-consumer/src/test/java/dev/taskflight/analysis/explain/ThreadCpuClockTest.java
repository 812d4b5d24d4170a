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
 * The part of a long poll that its thread's CPU clock ({@code taskflight.PollCpuTime}) covers: the CPU
 * time beyond the samples is {@link CauseKind#CPU_UNSAMPLED}, the time off CPU beyond the JDK's events
 * {@link CauseKind#OFF_CPU}, and neither takes time something recorded explains. Deterministic inputs:
 * the rule is the point.
 */
class ThreadCpuClockTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long PERIOD = 20 * MS;

    /**
     * A 100 ms poll at 0.2 s with one execution sample (20 ms) and a 10 ms park; its clock covers its
     * last 80 ms, with 50 ms of CPU in them.
     */
    private static Window poll(PoolCauses pool) {
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.cpu("com.acme.Work.spin", "", 0, true);
        w.blocked(CauseKind.PARK, "com.acme.Gate", "", 10 * MS);
        w.clocked(220 * MS, 300 * MS, 50 * MS);
        return w;
    }

    @Test
    void theClocksCpuBeyondTheSamplesIsOnCpuUnsampled_andItsTimeOffCpuBeyondTheEventsIsOffCpu() {
        PoolCauses pool = new PoolCauses("p");
        Window w = poll(pool);
        Explainer.chargeUnrecorded(List.of(w), new MachineLoad(), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU)).isCloseTo(0.2, within(1e-9));
        assertThat(share(b, CauseKind.PARK)).isCloseTo(0.1, within(1e-9));
        assertThat(share(b, CauseKind.CPU_UNSAMPLED)).as("50 ms of CPU, 20 of them sampled").isCloseTo(0.3, within(1e-9));
        assertThat(share(b, CauseKind.OFF_CPU)).as("30 ms off CPU, 10 of them parked").isCloseTo(0.2, within(1e-9));
        assertThat(share(b, CauseKind.UNEXPLAINED)).as("the 20 ms before the clock was read").isCloseTo(0.2, within(1e-9));
        assertThat(b.describe(6)).contains("30% on CPU, in no sample (the thread's CPU clock)")
                .contains("20% off CPU, in no JDK event (waiting for a core, or waits under the JDK's thresholds)");

        Explanation e = w.causes.explain(100 * MS, PERIOD);
        // what the JDK recorded on the thread leads, whatever its share; the clock's context after it
        assertThat(e.causes()).extracting(c -> c.kind())
                .containsExactly(CauseKind.CPU, CauseKind.PARK, CauseKind.CPU_UNSAMPLED, CauseKind.OFF_CPU);
        assertThat(e.explainedShare()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void onASaturatedMachineTheTimeOffCpuWithNoEventIsTheSaturation() {
        PoolCauses pool = new PoolCauses("p");
        Window w = poll(pool);
        MachineLoad load = new MachineLoad();
        load.add(SECOND, 0.95);
        Explainer.chargeUnrecorded(List.of(w), load, PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_UNSAMPLED)).isCloseTo(0.3, within(1e-9));
        assertThat(share(b, CauseKind.CPU_SATURATED)).isCloseTo(0.4, within(1e-9));
        assertThat(share(b, CauseKind.OFF_CPU)).isZero();
        assertThat(share(b, CauseKind.UNEXPLAINED)).isZero();
    }

    @Test
    void samplesThatAccountForTheClocksCpuLeaveNothingUnsampled_andEventsThatCoverItsTimeOffCpuNothingOff() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.cpu("com.acme.Work.spin", "", 0, true);
        w.cpu("com.acme.Work.spin", "", 0, true);
        w.blocked(CauseKind.SOCKET_READ, "db:5432", "", 60 * MS);
        w.clocked(200 * MS, 300 * MS, 40 * MS);
        Explainer.chargeUnrecorded(List.of(w), new MachineLoad(), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_UNSAMPLED)).isZero();
        assertThat(share(b, CauseKind.OFF_CPU)).isZero();
        assertThat(share(b, CauseKind.UNEXPLAINED)).isZero();
    }

    @Test
    void aPollWithNoClockKeepsWhatNothingRecordedUnexplained() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.cpu("com.acme.Work.spin", "", 0, true);
        Explainer.chargeUnrecorded(List.of(w), new MachineLoad(), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_UNSAMPLED)).isZero();
        assertThat(share(b, CauseKind.OFF_CPU)).isZero();
        assertThat(share(b, CauseKind.UNEXPLAINED)).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void onlyThePartOfTheClocksSpanInsideThePollCounts_andItsCpuNeverMoreThanThatPart() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.clocked(250 * MS, 400 * MS, 150 * MS); // the event ends after the poll: 50 ms of it are the poll's
        Explainer.chargeUnrecorded(List.of(w), new MachineLoad(), PERIOD);

        CauseBreakdown b = pool.breakdown(PERIOD, 0);
        assertThat(share(b, CauseKind.CPU_UNSAMPLED)).isCloseTo(0.5, within(1e-9));
        assertThat(share(b, CauseKind.OFF_CPU)).isZero();
        assertThat(share(b, CauseKind.UNEXPLAINED)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aPollWithNothingButItsClockHasTheClockAsItsMainCause() {
        PoolCauses pool = new PoolCauses("p");
        Window w = new Window(200 * MS, 300 * MS, new CauseAccumulator(), pool);
        pool.poll(100 * MS);
        w.clocked(200 * MS, 300 * MS, 25 * MS);
        Explainer.chargeUnrecorded(List.of(w), new MachineLoad(), PERIOD);

        Explanation e = w.causes.explain(100 * MS, PERIOD);
        assertThat(e.mainCause().kind()).isEqualTo(CauseKind.OFF_CPU);
        assertThat(e.describe()).isEqualTo("75% off CPU, in no JDK event (waiting for a core, or waits under the"
                + " JDK's thresholds); 25% on CPU, in no sample (the thread's CPU clock)");
    }
}
