package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.taskflight.agent.child.netty.NettyHttpWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolKinds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Netty 4.2 HTTP server, unmodified, under the agent: a handler that sleeps or spins on the event
 * loop is inside the loop group's polls with the right cause and (sleeping) a blocked event loop;
 * the same sleep offloaded to a {@code DefaultEventExecutorGroup} is in that group's polls and
 * blocks no loop. Under the production and the trace profiles; the program's output is the same
 * without the agent.
 */
class NettyEventLoopIT {

    private static final String HANDLER = NettyHttpWorkload.class.getName() + "$SlowHandler";
    private static final String SPIN = NettyHttpWorkload.class.getName() + ".spin";

    @TempDir
    static Path dir;
    static final Map<String, Run> RUNS = new HashMap<>();
    static final Map<String, String> PLAIN_OUTPUT = new HashMap<>();

    /** One child run: its output, its Taskflight and JDK events, and the engine's report. */
    record Run(String stdout, List<RecordedEvent> events, AnalysisReport report) {
        Stream<RecordedEvent> of(String name) {
            return events.stream().filter(e -> e.getEventType().getName().equals(name));
        }

        Map<String, String> kinds() {
            return of(EventNames.POOL_INFO).collect(Collectors.toMap(e -> e.getString("pool"),
                    e -> e.getString("kind"), (a, b) -> a));
        }
    }

    @BeforeAll
    static void runTheServers() throws Exception {
        for (String mode : List.of("sleep", "spin", "offload")) {
            for (String profile : List.of("production", "trace")) {
                RUNS.put(mode + "/" + profile, record(mode, profile));
            }
        }
        for (String mode : List.of("sleep", "offload")) {
            ChildJvm.Result plain = ChildJvm.run(List.of(), NettyHttpWorkload.class, mode);
            assertThat(plain.exitCode()).as(plain.stderr()).isZero();
            PLAIN_OUTPUT.put(mode, plain.stdout());
        }
    }

    private static Run record(String mode, String profile) throws Exception {
        Path jfr = dir.resolve(mode + "-" + profile + ".jfr");
        String settings = profile.equals("trace")
                ? "settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                : "settings=default,settings=" + ChildJvm.settings("taskflight.jfc");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:" + settings + ",filename=" + jfr), NettyHttpWorkload.class, mode);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).as("no agent warning").doesNotContain("Taskflight agent");
        AnalysisReport report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        return new Run(child.stdout(), RecordingFile.readAllEvents(jfr), report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace", "offload/production", "offload/trace"})
    void theProgramSaysTheSameWithAndWithoutTheAgent(String run) {
        String mode = run.substring(0, run.indexOf('/'));
        assertThat(withoutJvmLog(RUNS.get(run).stdout())).isEqualTo(withoutJvmLog(PLAIN_OUTPUT.get(mode)))
                .contains(mode + ": 20 requests", "20 x 200 done /work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace", "offload/production", "offload/trace"})
    void theHandlersSleepsAreInsidePollsOfTheRightGroup(String run) {
        Run r = RUNS.get(run);
        String kind = run.startsWith("offload") ? PoolKinds.NETTY_EVENT_EXECUTOR_GROUP : PoolKinds.NETTY_EVENT_LOOP_GROUP;
        List<RecordedEvent> sleeps = r.of("jdk.ThreadSleep").filter(e -> inHandler(e.getStackTrace())).toList();
        assertThat(sleeps).as("the handler's 60 ms sleeps").hasSizeGreaterThanOrEqualTo(10);
        long inside = sleeps.stream().filter(s -> insidePoll(r, s, s.getStartTime().plus(s.getDuration().dividedBy(2)),
                kind)).count();
        assertThat(inside).as("sleeps inside a %s poll of their thread, of %d", kind, sleeps.size())
                .isGreaterThanOrEqualTo(Math.round(sleeps.size() * 0.9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace"})
    void theHandlersCpuSamplesAreInsideLoopPolls(String run) {
        Run r = RUNS.get(run);
        List<RecordedEvent> samples = r.of("jdk.ExecutionSample")
                .filter(e -> inStack(e.getStackTrace(), SPIN) || inHandler(e.getStackTrace())).toList();
        // JFR samples a thread only when it is on a CPU at the sampler's tick: on a busy machine a 40 ms
        // spin can go unsampled, and then there is no evidence to place
        assumeThat(samples).as("CPU samples in the spinning handler").isNotEmpty();
        long inside = samples.stream().filter(s -> insidePoll(r, s, s.getStartTime(),
                PoolKinds.NETTY_EVENT_LOOP_GROUP)).count();
        assertThat(inside).as("samples inside a loop poll of their thread, of %d", samples.size())
                .isGreaterThanOrEqualTo(Math.round(samples.size() * 0.9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep/production", "sleep/trace"})
    void aSleepingHandlerBlocksTheEventLoop(String run) {
        Run r = RUNS.get(run);
        List<LongPoll> asleep = sleepingLoopPolls(r);
        assertThat(asleep).as("blocked loop polls, asleep").isNotEmpty()
                .anySatisfy(p -> assertThat(p.taskClass()).isEqualTo("io.netty.channel.nio.NioIoHandler"));
        assertThat(asleep.stream().map(LongPoll::pool).distinct()).allSatisfy(pool ->
                assertThat(r.report().findings()).as("a blocked-event-loop finding on %s", pool).anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo(BlockedEventLoopFinding.TYPE);
                    assertThat(f.pool()).isEqualTo(pool);
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                }));
    }

    /**
     * The spinning and offloading variants: whether a loop blocks at all depends on the machine (two
     * loops initializing one class, JFR's own locks on a first event), so what they must not show is
     * a loop blocked by the handler's sleep.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace", "offload/production", "offload/trace"})
    void noLoopIsBlockedBySleepingWhenTheHandlerDoesNotSleepOnIt(String run) {
        Run r = RUNS.get(run);
        assertThat(sleepingLoopPolls(r)).as("findings: %s", r.report().findings()).isEmpty();
        assertThat(r.report().findings()).filteredOn(f -> f.type().equals(BlockedEventLoopFinding.TYPE))
                .allSatisfy(f -> assertThat(f.facts().get("longestCause")).isNotEqualTo(CauseKind.SLEEP.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin/production", "spin/trace"})
    void aSpinningHandlerIsALongPollOnCpu(String run) {
        Run r = RUNS.get(run);
        List<LongPoll> loopPolls = r.report().longPolls().stream()
                .filter(p -> PoolKinds.NETTY_EVENT_LOOP_GROUP.equals(r.kinds().get(p.pool())))
                .filter(p -> p.explanation().cpuSamples() > 0).toList();
        assertThat(loopPolls).as("long loop polls with CPU samples").isNotEmpty();
        assertThat(loopPolls).anySatisfy(p -> assertThat(p.explanation().mainCause().kind()).isEqualTo(CauseKind.CPU));
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

    /** The program's output without the JVM's own log lines ({@code [0.123s][info][jfr,startup] ...}). */
    private static String withoutJvmLog(String stdout) {
        return stdout.lines().filter(l -> !l.startsWith("[")).collect(Collectors.joining("\n"));
    }

    /** The explained loop polls that blocked their loop, asleep. */
    private static List<LongPoll> sleepingLoopPolls(Run r) {
        Map<String, String> kinds = r.kinds();
        return r.report().longPolls().stream()
                .filter(p -> PoolKinds.NETTY_EVENT_LOOP_GROUP.equals(kinds.get(p.pool())))
                .filter(BlockedEventLoopFinding::blocked)
                .filter(p -> p.explanation().mainCause().kind() == CauseKind.SLEEP)
                .toList();
    }

    /** Whether a TaskPoll of the event's thread, in a pool of this kind, covers the instant. */
    private static boolean insidePoll(Run r, RecordedEvent e, Instant at, String kind) {
        Map<String, String> kinds = r.kinds();
        RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        long thread = t == null ? -1 : t.getJavaThreadId();
        return r.of(EventNames.TASK_POLL)
                .filter(p -> kind.equals(kinds.get(p.getString("pool"))))
                .filter(p -> p.getThread("eventThread") != null
                        && p.getThread("eventThread").getJavaThreadId() == thread)
                .anyMatch(p -> !at.isBefore(p.getStartTime()) && !at.isAfter(p.getEndTime()));
    }

    private static boolean inHandler(RecordedStackTrace stack) {
        return stack != null && stack.getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(HANDLER));
    }

    private static boolean inStack(RecordedStackTrace stack, String method) {
        return stack != null && stack.getFrames().stream().map(NettyEventLoopIT::name).anyMatch(method::equals);
    }

    private static String name(RecordedFrame f) {
        return Objects.toString(f.getMethod().getType().getName()) + "." + f.getMethod().getName();
    }
}
