package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.taskflight.agent.child.netty.NettyHttpWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.PoolKinds;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Runs {@link NettyHttpWorkload} in child JVMs, under the agent with a recording or without it, and
 * holds the assertions the Netty ITs make on each run: where the handler's slow work lies, and which
 * loops it blocked.
 */
final class NettyServerRuns {

    static final String HANDLER = NettyHttpWorkload.class.getName() + "$SlowHandler";
    static final String SPIN = NettyHttpWorkload.class.getName() + ".spin";

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

    private NettyServerRuns() {
    }

    /**
     * Runs the workload under the agent with the production or trace profile.
     *
     * @param jfr where the recording goes
     * @param classPath the child's class path (Netty 4.2's or 4.1's)
     * @param args the workload's arguments: mode, then transport
     */
    static Run record(Path jfr, String classPath, String profile, String... args) throws Exception {
        String settings = profile.equals("trace")
                ? "settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                : "settings=default,settings=" + ChildJvm.settings("taskflight.jfc");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:" + settings + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr),
                classPath, NettyHttpWorkload.class, args);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).as("no agent warning").doesNotContain("Taskflight agent");
        AnalysisReport report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        AgentRecordings.assertWovenBeforeMain(events, "io.netty.util.concurrent.SingleThreadEventExecutor");
        return new Run(child.stdout(), events, report);
    }

    /** Runs the workload without the agent and returns its output, without the JVM's log lines. */
    static String plainOutput(String classPath, String... args) throws Exception {
        ChildJvm.Result plain = ChildJvm.run(List.of(), classPath, NettyHttpWorkload.class, args);
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        return withoutJvmLog(plain.stdout());
    }

    /** The test class path with every Netty jar replaced by Netty 4.1's, copied by the build. */
    static String netty41ClassPath() throws IOException {
        Path dir = Path.of(System.getProperty("taskflight.library.versions", "target/library-versions"), "netty-4.1");
        assertThat(dir).as("Netty 4.1's jars, copied in pre-integration-test").isDirectory();
        Stream<String> others = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("netty-"));
        try (Stream<Path> jars = Files.list(dir)) {
            return Stream.concat(others, jars.map(Path::toString).sorted().toList().stream())
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    /** The program's output without the JVM's own log lines ({@code [0.123s][info][jfr,startup] ...}). */
    static String withoutJvmLog(String stdout) {
        return stdout.lines().filter(l -> !l.startsWith("[")).collect(Collectors.joining("\n"));
    }

    /** At least 90% of the handler's sleeps (10 or more) lie inside a poll of their thread in a pool of this kind. */
    static void assertSleepsInsidePolls(Run r, String kind) {
        List<RecordedEvent> sleeps = r.of("jdk.ThreadSleep").filter(e -> inHandler(e.getStackTrace())).toList();
        assertThat(sleeps).as("the handler's 60 ms sleeps").hasSizeGreaterThanOrEqualTo(10);
        long inside = sleeps.stream().filter(s -> insidePoll(r, s, s.getStartTime().plus(s.getDuration().dividedBy(2)),
                kind)).count();
        assertThat(inside).as("sleeps inside a %s poll of their thread, of %d", kind, sleeps.size())
                .isGreaterThanOrEqualTo(Math.round(sleeps.size() * 0.9));
    }

    /** At least 90% of the CPU samples in the spinning handler lie inside a loop poll of their thread. */
    static void assertCpuSamplesInsideLoopPolls(Run r) {
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

    /**
     * The sleeping handler's loop polls are blocked, asleep, some of them I/O polls named by the
     * transport's class, and each of their groups has a critical blocked-event-loop finding.
     */
    static void assertSleepBlocksTheEventLoop(Run r, String ioClass) {
        List<LongPoll> asleep = sleepingLoopPolls(r);
        assertThat(asleep).as("blocked loop polls, asleep").isNotEmpty()
                .anySatisfy(p -> assertThat(p.taskClass()).isEqualTo(ioClass));
        assertThat(asleep.stream().map(LongPoll::pool).distinct()).allSatisfy(pool ->
                assertThat(r.report().findings()).as("a blocked-event-loop finding on %s", pool).anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo(BlockedEventLoopFinding.TYPE);
                    assertThat(f.pool()).isEqualTo(pool);
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                }));
    }

    /**
     * No loop is blocked by the handler's sleep. Whether a loop blocks at all depends on the machine
     * (two loops initializing one class, JFR's own locks on a first event), so what a run whose
     * handler does not sleep on a loop must not show is a loop blocked asleep.
     */
    static void assertNoLoopBlockedBySleeping(Run r) {
        assertThat(sleepingLoopPolls(r)).as("findings: %s", r.report().findings()).isEmpty();
        assertThat(r.report().findings()).filteredOn(f -> f.type().equals(BlockedEventLoopFinding.TYPE))
                .allSatisfy(f -> assertThat(f.facts().get("longestCause")).isNotEqualTo(CauseKind.SLEEP.id()));
    }

    /** The spinning handler's loop polls are long polls whose main cause, with CPU samples, is CPU. */
    static void assertSpinIsLongPollOnCpu(Run r) {
        List<LongPoll> loopPolls = r.report().longPolls().stream()
                .filter(p -> PoolKinds.NETTY_EVENT_LOOP_GROUP.equals(r.kinds().get(p.pool())))
                .filter(p -> p.explanation().cpuSamples() > 0).toList();
        assertThat(loopPolls).as("long loop polls with CPU samples").isNotEmpty();
        assertThat(loopPolls).anySatisfy(p -> assertThat(p.explanation().mainCause().kind()).isEqualTo(CauseKind.CPU));
    }

    /** The task classes of the polls of the event-loop groups, {@code ""} for none. */
    static List<String> loopPollTaskClasses(Run r) {
        Map<String, String> kinds = r.kinds();
        return r.of(EventNames.TASK_POLL)
                .filter(p -> PoolKinds.NETTY_EVENT_LOOP_GROUP.equals(kinds.get(PoolField.read(p.getString("pool")))))
                .map(p -> p.getString("taskName"))
                .map(c -> c == null ? "" : c).toList();
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
                .filter(p -> kind.equals(kinds.get(PoolField.read(p.getString("pool")))))
                .filter(p -> p.getThread("eventThread") != null
                        && p.getThread("eventThread").getJavaThreadId() == thread)
                .anyMatch(p -> !at.isBefore(p.getStartTime()) && !at.isAfter(p.getEndTime()));
    }

    private static boolean inHandler(RecordedStackTrace stack) {
        return stack != null && stack.getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(HANDLER));
    }

    private static boolean inStack(RecordedStackTrace stack, String method) {
        return stack != null && stack.getFrames().stream().map(NettyServerRuns::name).anyMatch(method::equals);
    }

    private static String name(RecordedFrame f) {
        return Objects.toString(f.getMethod().getType().getName()) + "." + f.getMethod().getName();
    }
}
