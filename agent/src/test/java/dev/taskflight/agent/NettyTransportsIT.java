package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.NettyServerRuns.Run;
import dev.taskflight.events.PoolKinds;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Netty HTTP server of {@link NettyEventLoopIT} on the other event loops the agent instruments:
 * Netty 4.2's epoll {@code IoHandler}, and Netty 4.1's {@code NioEventLoop} and {@code EpollEventLoop}
 * (the child runs on 4.1's jars, copied by the build). A handler that sleeps or spins on the loop is
 * inside its group's polls with the right cause, a sleeping one raises a blocked-event-loop finding,
 * one that answers at once raises none; I/O polls are named by the loop's I/O class and task polls by
 * their task; the program's output is the same without the agent. On 4.1 the sleep is also offloaded to
 * a {@code DefaultEventExecutorGroup}.
 *
 * <p>What varies here is the transport, so each handler runs once per server under the production
 * profile, and the sleeping one also under the trace profile (whose every loop poll is recorded, for
 * the I/O-poll naming); {@link NettyEventLoopIT} runs every handler under both profiles. The program
 * runs once per server without the agent: its output names the handler and is otherwise the same for
 * every handler.
 */
class NettyTransportsIT {

    /** The servers: Netty line and transport, with the class that names their I/O polls. */
    private static final Map<String, String> IO_CLASS = Map.of(
            "4.2-epoll", "io.netty.channel.epoll.EpollIoHandler",
            "4.1-nio", "io.netty.channel.nio.NioEventLoop",
            "4.1-epoll", "io.netty.channel.epoll.EpollEventLoop");
    /** The handler whose runs are made under both profiles; the others run under the production profile only. */
    private static final String BOTH_PROFILES = "sleep";

    @TempDir
    static Path dir;
    static final Map<String, Run> RUNS = new HashMap<>();
    static final Map<String, String> PLAIN_OUTPUT = new HashMap<>();

    @BeforeAll
    static void runTheServers() throws Exception {
        for (String server : IO_CLASS.keySet()) {
            String classPath = server.startsWith("4.1") ? NettyServerRuns.netty41ClassPath()
                    : System.getProperty("java.class.path");
            String transport = server.substring(server.indexOf('-') + 1);
            for (String mode : modes(server)) {
                for (String profile : profiles(mode)) {
                    String run = server + "/" + mode + "/" + profile;
                    RUNS.put(run, NettyServerRuns.record(dir.resolve(run.replace('/', '-') + ".jfr"), classPath,
                            profile, mode, transport));
                }
            }
            PLAIN_OUTPUT.put(server, NettyServerRuns.plainOutput(classPath, BOTH_PROFILES, transport));
        }
    }

    private static List<String> profiles(String mode) {
        return mode.equals(BOTH_PROFILES) ? List.of("production", "trace") : List.of("production");
    }

    /** What each server's handler does: 4.1's NIO server also offloads its sleep to an executor group. */
    private static List<String> modes(String server) {
        return server.equals("4.1-nio") ? List.of("sleep", "spin", "fast", "offload") : List.of("sleep", "spin", "fast");
    }

    static Stream<String> allRuns() {
        return IO_CLASS.keySet().stream().sorted().flatMap(s -> modes(s).stream().map(m -> s + "/" + m))
                .flatMap(sm -> profiles(sm.substring(sm.indexOf('/') + 1)).stream().map(p -> sm + "/" + p));
    }

    static Stream<String> sleepRuns() {
        return runs("sleep");
    }

    static Stream<String> spinRuns() {
        return runs("spin");
    }

    static Stream<String> runsThatDoNotSleepOnALoop() {
        return Stream.concat(runs("spin"), Stream.concat(runs("fast"), runs("offload")));
    }

    static Stream<String> traceRuns() {
        return allRuns().filter(r -> r.endsWith("/trace"));
    }

    static Stream<String> offloadRuns() {
        return runs("offload");
    }

    private static Stream<String> runs(String mode) {
        return allRuns().filter(r -> r.contains("/" + mode + "/"));
    }

    @ParameterizedTest
    @MethodSource("allRuns")
    void theProgramSaysTheSameWithAndWithoutTheAgent(String run) {
        String server = run.substring(0, run.indexOf('/'));
        String mode = run.substring(server.length() + 1, run.lastIndexOf('/'));
        // the plain run's output, from the sleeping handler, with this run's handler named instead
        String plain = PLAIN_OUTPUT.get(server).replace(BOTH_PROFILES + ": ", mode + ": ");
        assertThat(NettyServerRuns.withoutJvmLog(RUNS.get(run).stdout())).isEqualTo(plain)
                .contains(mode + ": 20 requests", "20 x 200 done /work");
    }

    @ParameterizedTest
    @MethodSource("sleepRuns")
    void theHandlersSleepsAreInsideLoopPolls(String run) {
        NettyServerRuns.assertSleepsInsidePolls(RUNS.get(run), PoolKinds.NETTY_EVENT_LOOP_GROUP);
    }

    @ParameterizedTest
    @MethodSource("sleepRuns")
    void aSleepingHandlerBlocksTheEventLoop(String run) {
        NettyServerRuns.assertSleepBlocksTheEventLoop(RUNS.get(run), IO_CLASS.get(run.substring(0, run.indexOf('/'))));
    }

    @ParameterizedTest
    @MethodSource("spinRuns")
    void theHandlersCpuSamplesAreInsideLoopPolls(String run) {
        NettyServerRuns.assertCpuSamplesInsideLoopPolls(RUNS.get(run));
    }

    @ParameterizedTest
    @MethodSource("spinRuns")
    void aSpinningHandlerIsALongPollOnCpu(String run) {
        NettyServerRuns.assertSpinIsLongPollOnCpu(RUNS.get(run));
    }

    @ParameterizedTest
    @MethodSource("runsThatDoNotSleepOnALoop")
    void noLoopIsBlockedBySleepingWhenTheHandlerDoesNotSleepOnIt(String run) {
        NettyServerRuns.assertNoLoopBlockedBySleeping(RUNS.get(run));
    }

    @ParameterizedTest
    @MethodSource("traceRuns")
    void loopPollsAreIoPollsNamedByTheLoopsIoClassOrTaskRuns(String run) {
        String ioClass = IO_CLASS.get(run.substring(0, run.indexOf('/')));
        assertThat(NettyServerRuns.loopPollTaskClasses(RUNS.get(run))).as("the task classes of the loop polls").contains(ioClass)
                .anySatisfy(c -> assertThat(c).isNotEqualTo(ioClass).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("offloadRuns")
    void theOffloadedSleepsAreInsideExecutorPolls(String run) {
        NettyServerRuns.assertSleepsInsidePolls(RUNS.get(run), PoolKinds.NETTY_EVENT_EXECUTOR_GROUP);
    }
}
