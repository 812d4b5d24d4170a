package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.NettyServerRuns.Run;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.PoolKinds;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Netty 4.2 HTTP server (NIO transport), unmodified, under the agent: a handler that sleeps or
 * spins on the event loop is inside the loop group's polls with the right cause and (sleeping) a
 * blocked event loop; the same sleep offloaded to a {@code DefaultEventExecutorGroup} is in that
 * group's polls and blocks no loop. Under the production and the trace profiles; the program's
 * output is the same without the agent. {@link NettyTransportsIT} does the same on epoll and 4.1.
 */
class NettyEventLoopIT {

    @TempDir
    static Path dir;
    static final Map<String, Run> RUNS = new HashMap<>();
    static final Map<String, String> PLAIN_OUTPUT = new HashMap<>();

    @BeforeAll
    static void runTheServers() throws Exception {
        String classPath = System.getProperty("java.class.path");
        for (String mode : List.of("sleep", "spin", "offload")) {
            for (String profile : List.of("production", "trace")) {
                RUNS.put(mode + "/" + profile, NettyServerRuns.record(dir.resolve(mode + "-" + profile + ".jfr"),
                        classPath, profile, mode));
            }
        }
        for (String mode : List.of("sleep", "offload")) {
            PLAIN_OUTPUT.put(mode, NettyServerRuns.plainOutput(classPath, mode));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace", "offload/production", "offload/trace"})
    void theProgramSaysTheSameWithAndWithoutTheAgent(String run) {
        String mode = run.substring(0, run.indexOf('/'));
        assertThat(NettyServerRuns.withoutJvmLog(RUNS.get(run).stdout())).isEqualTo(PLAIN_OUTPUT.get(mode))
                .contains(mode + ": 20 requests", "20 x 200 done /work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace", "offload/production", "offload/trace"})
    void theHandlersSleepsAreInsidePollsOfTheRightGroup(String run) {
        NettyServerRuns.assertSleepsInsidePolls(RUNS.get(run), run.startsWith("offload")
                ? PoolKinds.NETTY_EVENT_EXECUTOR_GROUP : PoolKinds.NETTY_EVENT_LOOP_GROUP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace"})
    void theHandlersCpuSamplesAreInsideLoopPolls(String run) {
        NettyServerRuns.assertCpuSamplesInsideLoopPolls(RUNS.get(run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace"})
    void aSleepingHandlerBlocksTheEventLoop(String run) {
        NettyServerRuns.assertSleepBlocksTheEventLoop(RUNS.get(run), "io.netty.channel.nio.NioIoHandler");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace", "offload/production", "offload/trace"})
    void noLoopIsBlockedBySleepingWhenTheHandlerDoesNotSleepOnIt(String run) {
        NettyServerRuns.assertNoLoopBlockedBySleeping(RUNS.get(run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace"})
    void aSpinningHandlerIsALongPollOnCpu(String run) {
        NettyServerRuns.assertSpinIsLongPollOnCpu(RUNS.get(run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"offload/production", "offload/trace"})
    void offloadedSleepsAreLongPollsOfTheExecutorGroup(String run) {
        Run r = RUNS.get(run);
        assertThat(r.report().findings()).as("a long-poll finding on the executor group")
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo(LongPollFinding.TYPE);
                    assertThat(r.kinds()).containsEntry(f.pool(), PoolKinds.NETTY_EVENT_EXECUTOR_GROUP);
                });
        assertThat(r.report().longPolls()).as("executor polls asleep")
                .anySatisfy(p -> {
                    assertThat(r.kinds()).containsEntry(p.pool(), PoolKinds.NETTY_EVENT_EXECUTOR_GROUP);
                    assertThat(p.explanation().mainCause().kind()).isEqualTo(CauseKind.SLEEP);
                });
    }
}
