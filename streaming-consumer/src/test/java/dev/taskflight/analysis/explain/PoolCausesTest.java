package dev.taskflight.analysis.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.CauseShare;
import org.junit.jupiter.api.Test;

/**
 * The shares of a breakdown add up to at most 1, also when the causes' time exceeds the polls' and is
 * scaled down. Deterministic inputs: the arithmetic is the point.
 */
class PoolCausesTest {

    private static final long POLL = 1_000_000_001L;

    @Test
    void scaledDownCausesNeverAddUpToMoreThanThePollsTime() {
        PoolCauses pool = new PoolCauses("p");
        pool.poll(POLL);
        // Three causes of the poll's full length each: each is scaled to a third, 333 333 333.67 ns.
        pool.add(CauseKind.SLEEP, "com.acme.A.nap", "", POLL, 0);
        pool.add(CauseKind.MONITOR_ENTER, "com.acme.Ledger", "", POLL, 0);
        pool.add(CauseKind.SOCKET_READ, "db:5432", "", POLL, 0);
        CauseBreakdown b = pool.breakdown(20_000_000L, 0);
        assertThat(b.causes()).hasSize(3).allMatch(c -> c.nanos() == POLL / 3);
        assertThat(b.causes().stream().mapToLong(CauseShare::nanos).sum()).isLessThanOrEqualTo(POLL);
        assertThat(b.causes().stream().mapToDouble(CauseShare::share).sum()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void causesThatExplainLessThanThePollsTimeKeepTheirTimeAndTheRestIsUnexplained() {
        PoolCauses pool = new PoolCauses("p");
        pool.poll(POLL);
        pool.add(CauseKind.SLEEP, "com.acme.A.nap", "", 600_000_000L, 0);
        pool.add(CauseKind.CPU, "com.acme.A.spin", "", 0, 10);
        CauseBreakdown b = pool.breakdown(20_000_000L, 0);
        assertThat(b.causes()).extracting(CauseShare::kind, CauseShare::nanos).containsExactly(
                tuple(CauseKind.SLEEP, 600_000_000L),
                tuple(CauseKind.UNEXPLAINED, 200_000_001L),
                tuple(CauseKind.CPU, 200_000_000L));
    }
}
