package dev.taskflight.analysis.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.Explanation;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.events.PoolKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The blocked-event-loop finding from plain data, without JFR. */
class BlockedEventLoopFindingTest {

    private static final long MS = 1_000_000L;
    private static final BlockedEventLoopFinding.Thresholds T = BlockedEventLoopFinding.Thresholds.DEFAULT;

    private static PoolReport pool(String name, String kind) {
        WorkerReport w = new WorkerReport(name, 0, name + "-1", true, 10, MS, MS, 0, 0, 0.5, -1, 0, 0, 0, 0,
                DelayReport.EMPTY);
        return new PoolReport(name, kind, 1, "agent", "1", w, List.of(w), null, DelayReport.EMPTY, 10, 1, 1);
    }

    private static LongPoll poll(String pool, long nanos, CauseKind kind, String subject) {
        Explanation e = new Explanation(List.of(new Cause(kind, subject, 1, nanos, 0.98)),
                kind == CauseKind.CPU ? 3 : 0,
                kind == CauseKind.CPU ? List.of(new FrameCount("a.Handler.spin", 3)) : List.of(), 0.98);
        return new LongPoll(pool, 0, pool + "-1", "io.netty.channel.nio.NioIoHandler", null, Instant.EPOCH, nanos,
                Severity.CRITICAL, e);
    }

    @ParameterizedTest
    @EnumSource(value = CauseKind.class, names = {"JVM_PAUSE", "CPU_UNSAMPLED", "OFF_CPU", "CPU_SATURATED", "UNEXPLAINED"})
    void aLoopPollStoppedByTheJvmOrUnexplainedIsNotSaidToBeBlockedByItsCode(CauseKind kind) {
        PoolReport loops = pool("nioEventLoopGroup-3", PoolKinds.NETTY_EVENT_LOOP_GROUP);
        assertThat(BlockedEventLoopFinding.evaluate(List.of(loops),
                List.of(poll("nioEventLoopGroup-3", 60 * MS, kind, "")), T)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CauseKind.class, names = {"CPU", "PINNED", "JVM_PAUSE", "CPU_UNSAMPLED", "OFF_CPU", "CPU_SATURATED", "UNEXPLAINED"},
            mode = EnumSource.Mode.EXCLUDE)
    void aLoopPollSpentOffCpuIsABlockedLoopCriticalByDefault(CauseKind kind) {
        PoolReport loops = pool("nioEventLoopGroup-3", PoolKinds.NETTY_EVENT_LOOP_GROUP);
        List<Finding> f = BlockedEventLoopFinding.evaluate(List.of(loops),
                List.of(poll("nioEventLoopGroup-3", 60 * MS, kind, "java.lang.Object")), T);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo(BlockedEventLoopFinding.TYPE);
            assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(x.pool()).isEqualTo("nioEventLoopGroup-3");
            assertThat(x.facts()).containsEntry("longestCause", kind.id()).containsEntry("count", 1L)
                    .containsEntry("longestNanos", 60 * MS);
            assertThat(x.message()).startsWith("1 event-loop poll of 1.00 ms or more blocked the loop off CPU;"
                    + " longest 60.0 ms on loop 0 (nioEventLoopGroup-3-1): 98% " + kind.label());
        });
    }

    @Test
    void aLoopPollOnCpuIsALongPollButNotABlockedLoop() {
        PoolReport loops = pool("loops", PoolKinds.NETTY_EVENT_LOOP_GROUP);
        assertThat(BlockedEventLoopFinding.evaluate(List.of(loops),
                List.of(poll("loops", 40 * MS, CauseKind.CPU, "")), T)).isEmpty();
    }

    @Test
    void onlyEventLoopPoolsAreJudged() {
        PoolReport executors = pool("executors", PoolKinds.NETTY_EVENT_EXECUTOR_GROUP);
        PoolReport tpe = pool("tpe", PoolKinds.THREAD_POOL_EXECUTOR);
        assertThat(BlockedEventLoopFinding.evaluate(List.of(executors, tpe), List.of(
                poll("executors", 60 * MS, CauseKind.SLEEP, ""), poll("tpe", 60 * MS, CauseKind.SLEEP, "")), T))
                .isEmpty();
    }

    @Test
    void theThresholdAndTheSeverityAreConfigurable() {
        PoolReport loops = pool("loops", PoolKinds.NETTY_EVENT_LOOP_GROUP);
        List<LongPoll> polls = List.of(poll("loops", 12 * MS, CauseKind.SOCKET_READ, "127.0.0.1"));
        assertThat(BlockedEventLoopFinding.evaluate(List.of(loops), polls,
                new BlockedEventLoopFinding.Thresholds(Duration.ofMillis(20), Severity.CRITICAL))).isEmpty();
        assertThat(BlockedEventLoopFinding.evaluate(List.of(loops), polls,
                new BlockedEventLoopFinding.Thresholds(Duration.ofMillis(5), Severity.WARNING)))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> new BlockedEventLoopFinding.Thresholds(Duration.ZERO, Severity.CRITICAL))
                .hasMessageContaining("blocked-event-loop");
    }

    @Test
    void findingsRunItFirstAmongEqualSeverities() {
        PoolReport loops = pool("loops", PoolKinds.NETTY_EVENT_LOOP_GROUP);
        List<Finding> all = Findings.evaluate(List.of(loops), List.of(poll("loops", 60 * MS, CauseKind.SLEEP, "")),
                List.of(), PinningReport.NONE, FindingThresholds.DEFAULT);
        assertThat(all).extracting(Finding::type)
                .containsExactly(BlockedEventLoopFinding.TYPE, LongPollFinding.TYPE);
    }
}
