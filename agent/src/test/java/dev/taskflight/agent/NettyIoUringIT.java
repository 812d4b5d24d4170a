package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.taskflight.agent.NettyServerRuns.Run;
import dev.taskflight.agent.child.netty.NettyHttpWorkload;
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
 * The Netty HTTP server of {@link NettyEventLoopIT} on Netty 4.2's io_uring transport, where the
 * kernel allows io_uring (skipped otherwise): a handler that sleeps on the loop is inside the loop
 * group's polls and raises a blocked-event-loop finding, one that answers at once raises none; I/O
 * polls are named {@code IoUringIoHandler}; the program's output is the same without the agent.
 */
class NettyIoUringIT {

    private static final String IO_CLASS = "io.netty.channel.uring.IoUringIoHandler";

    @TempDir
    static Path dir;
    static final Map<String, Run> RUNS = new HashMap<>();
    static final Map<String, String> PLAIN_OUTPUT = new HashMap<>();

    @BeforeAll
    static void runTheServers() throws Exception {
        String classPath = System.getProperty("java.class.path");
        for (String mode : List.of("sleep", "fast")) {
            PLAIN_OUTPUT.put(mode, NettyServerRuns.plainOutput(classPath, mode, "io_uring"));
            if (PLAIN_OUTPUT.get(mode).startsWith(NettyHttpWorkload.UNAVAILABLE)) {
                return;
            }
            for (String profile : mode.equals("sleep") ? List.of("production", "trace") : List.of("trace")) {
                RUNS.put(mode + "/" + profile, NettyServerRuns.record(dir.resolve(mode + "-" + profile + ".jfr"),
                        classPath, profile, mode, "io_uring"));
            }
        }
    }

    private static Run run(String run) {
        assumeThat(PLAIN_OUTPUT.get("sleep")).as("io_uring on this machine").doesNotStartWith(NettyHttpWorkload.UNAVAILABLE);
        return RUNS.get(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace", "fast/trace"})
    void theProgramSaysTheSameWithAndWithoutTheAgent(String run) {
        String mode = run.substring(0, run.indexOf('/'));
        assertThat(NettyServerRuns.withoutJvmLog(run(run).stdout())).isEqualTo(PLAIN_OUTPUT.get(mode))
                .contains(mode + ": 20 requests", "20 x 200 done /work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace"})
    void theHandlersSleepsAreInsideLoopPollsAndBlockTheLoop(String run) {
        NettyServerRuns.assertSleepsInsidePolls(run(run), PoolKinds.NETTY_EVENT_LOOP_GROUP);
        NettyServerRuns.assertSleepBlocksTheEventLoop(run(run), IO_CLASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast/trace"})
    void fastRequestsBlockNoLoopAndTheirIoPollsAreNamedByTheHandler(String run) {
        Run r = run(run);
        NettyServerRuns.assertNoLoopBlockedBySleeping(r);
        assertThat(NettyServerRuns.loopPollTaskClasses(r)).as("the task classes of the loop polls").contains(IO_CLASS);
    }
}
