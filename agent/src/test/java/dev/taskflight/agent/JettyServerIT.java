package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.jetty.JettyWorkload;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.PoolKinds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unmodified embedded Jetty 12 server under the agent, with real loopback requests that spin, sleep,
 * wait on a contended monitor or return at once, under the production and the trace profiles; and a
 * quiet server (idle, then a few fast requests far apart) under the production profile. Asserts what
 * the recordings hold, never how long anything took.
 */
class JettyServerIT {

    private static final String WORKLOAD = JettyWorkload.class.getName();
    private static final String LEDGER = JettyWorkload.Ledger.class.getName();
    private static final String SPIN_FRAME = WORKLOAD + ".spin";
    private static final String SLEEP_FRAME = WORKLOAD + ".sleep";
    private static final String MONITOR_FRAME = WORKLOAD + ".waitForLedger";

    @TempDir
    static Path dir;
    static ChildJvm.Result plain;
    static Map<String, JettyRun> runs;
    static JettyRun quiet;

    @BeforeAll
    static void runTheServers() throws Exception {
        plain = ChildJvm.run(List.of(), JettyWorkload.class, "load", "-");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        runs = Map.of(
                "production", JettyRun.load(dir.resolve("production.jfr"), "-", "default", "taskflight.jfc"),
                "trace", JettyRun.load(dir.resolve("trace.jfr"), "shop-http", "profile", "taskflight-trace.jfc"));
        quiet = JettyRun.quiet(dir.resolve("quiet.jfr"));
    }

    @Test
    void responsesAreTheSameWithAndWithoutTheAgent() {
        List<String> expected = JettyRun.lines(plain.stdout(), "response ");
        assertThat(expected).hasSize(3 * JettyWorkload.SLOW_PER_KIND + JettyWorkload.FAST_REQUESTS)
                .allSatisfy(r -> assertThat(r).matches("\\S+ 200 .*"));
        runs.values().forEach(run -> assertThat(run.responses()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "trace"})
    void theAgentHooksJettyWithoutAWarningAndNamesThePool(String profile) {
        JettyRun run = runs.get(profile);
        assertThat(run.child().stderr()).doesNotContain("jetty:").doesNotContain("hook failed");
        assertThat(run.pool()).as("the pool's set name, else Jetty's default")
                .isEqualTo(profile.equals("trace") ? "shop-http" : run.pool()).startsWith(
                profile.equals("trace") ? "shop-http" : "qtp");
        RecordedEvent info = run.events(EventNames.POOL_INFO).filter(e -> e.getString("pool").equals(run.pool()))
                .findFirst().orElseThrow(() -> new AssertionError("no PoolInfo for " + run.pool()));
        assertThat(info.getString("kind")).isEqualTo(PoolKinds.JETTY_QUEUED_THREAD_POOL);
        assertThat(info.getInt("corePoolSize")).isEqualTo(JettyWorkload.MIN_THREADS);
        assertThat(info.getInt("maximumPoolSize")).isEqualTo(JettyWorkload.MAX_THREADS);
        assertThat(info.getLong("keepAliveTime")).isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(info.getLong("queueCapacity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(run.events(EventNames.QUEUE_SAMPLE).filter(e -> e.getString("pool").equals(run.pool())))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getString("kind")).isEqualTo(PoolKinds.JETTY_QUEUED_THREAD_POOL))
                .allSatisfy(e -> assertThat(e.getLong("queuedTasks")).isNotNegative());
    }

    /**
     * Every slow request is a poll under the trace profile, which times every poll on its worker. The
     * production profile's watchdog cannot see a poll during which it never ran (a starved 2-core
     * machine), so there at least 90% are, as for the requests' work.
     */
    @ParameterizedTest
    @ValueSource(strings = {"production", "trace"})
    void slowRequestsAreTaskPollsOfTheirThreadOnTheJettyPool(String profile) {
        JettyRun run = runs.get(profile);
        List<String[]> slow = run.slowRequests();
        assertThat(slow).hasSize(3 * JettyWorkload.SLOW_PER_KIND);
        List<RecordedEvent> polls = run.polls().toList();
        List<String> unseen = slow.stream().filter(request -> { // slow <kind> <id> <thread> <start> <end>
            Instant start = Instant.ofEpochMilli(Long.parseLong(request[4]));
            Instant end = Instant.ofEpochMilli(Long.parseLong(request[5]));
            return polls.stream().noneMatch(p -> JettyRun.thread(p).equals(request[3])
                    && p.getStartTime().isBefore(end) && p.getEndTime().isAfter(start));
        }).map(r -> String.join(" ", r)).toList();
        if (profile.equals("trace")) {
            assertThat(unseen).as("slow requests without a TaskPoll of %s on their thread", run.pool()).isEmpty();
        } else {
            assertThat(unseen.size()).as("slow requests without a TaskPoll of %s: %s", run.pool(), unseen)
                    .isLessThanOrEqualTo(slow.size() / 10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "trace"})
    void atLeastNinetyPercentOfTheSlowRequestsWorkLiesInsideAPollOfItsThread(String profile) {
        JettyRun run = runs.get(profile);
        List<RecordedEvent> work = Stream.of(
                run.events("jdk.ExecutionSample").filter(e -> JettyRun.topFrame(e).equals(SPIN_FRAME)),
                run.events("jdk.ThreadSleep").filter(e -> JettyRun.hasFrame(e, SLEEP_FRAME)),
                run.events("jdk.JavaMonitorEnter").filter(e -> JettyRun.hasFrame(e, MONITOR_FRAME)))
                .flatMap(s -> s).toList();
        assertThat(work).as("the JDK's evidence of the slow requests").isNotEmpty();
        assertThat(work.stream().map(e -> e.getEventType().getName()).distinct())
                .contains("jdk.ThreadSleep", "jdk.JavaMonitorEnter");
        List<RecordedEvent> polls = run.polls().toList();
        long inside = work.stream().filter(e -> polls.stream().anyMatch(p -> JettyRun.thread(p).equals(JettyRun.thread(e))
                && !p.getStartTime().isAfter(e.getStartTime()) && !p.getEndTime().isBefore(e.getEndTime()))).count();
        assertThat((double) inside / work.size()).as("%d of %d JDK events inside a poll", inside, work.size())
                .isGreaterThanOrEqualTo(0.9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "trace"})
    void theLongPollExplanationsNameTheSpinSleepAndMonitor(String profile) throws Exception {
        JettyRun run = runs.get(profile);
        AnalysisReport report = new FileAnalysis(run.jfr(), AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        List<LongPoll> jetty = report.longPolls().stream().filter(p -> p.pool().equals(run.pool())).toList();
        assertThat(jetty).isNotEmpty();
        assertThat(jetty).as("a poll explained by Thread.sleep").anyMatch(p -> p.explanation().causes().stream()
                .anyMatch(c -> c.kind() == CauseKind.SLEEP));
        assertThat(jetty).as("a poll explained by the Ledger monitor").anyMatch(p -> p.explanation().causes().stream()
                .anyMatch(c -> c.kind() == CauseKind.MONITOR_ENTER && c.subject().equals(LEDGER)));
        boolean spinSampled = run.events("jdk.ExecutionSample").anyMatch(e -> JettyRun.topFrame(e).equals(SPIN_FRAME));
        if (spinSampled) {
            assertThat(jetty).as("a poll explained by CPU in the spin").anyMatch(p -> p.explanation().topFrames()
                    .stream().anyMatch(f -> f.frame().equals(SPIN_FRAME)));
        }
        assertThat(report.findings()).anyMatch(f -> f.type().equals(LongPollFinding.TYPE) && run.pool().equals(f.pool()));
    }

    @Test
    void traceProfileTimesTheSchedulingDelayOfJobs() {
        JettyRun run = runs.get("trace");
        assertThat(run.polls()).anyMatch(p -> p.getLong("schedulingDelay") != Long.MIN_VALUE);
    }

    @Test
    void anIdleServersSelectorAcceptorAndReservedThreadsAreParkedNotPolling() throws Exception {
        assertThat(quiet.child().stderr()).doesNotContain("jetty:");
        assertThat(Integer.parseInt(JettyRun.lines(quiet.child().stdout(), "reserved ").get(0)))
                .as("reserved threads waiting").isPositive();
        List<String[]> idle = JettyRun.lines(quiet.child().stdout(), "idle ").stream().map(l -> l.split(" ")).toList();
        assertThat(idle).hasSize(2);
        List<RecordedEvent> running = Stream.concat(quiet.polls(),
                quiet.events(EventNames.POLL_IN_PROGRESS).filter(e -> e.getString("pool").equals(quiet.pool()))).toList();
        for (String[] window : idle) {
            Instant start = Instant.ofEpochMilli(Long.parseLong(window[0]));
            Instant end = Instant.ofEpochMilli(Long.parseLong(window[1]));
            assertThat(running).as("polls of %s overlapping the idle window %s..%s", quiet.pool(), start, end)
                    .noneMatch(p -> p.getStartTime().isBefore(end) && p.getEndTime().isAfter(start));
        }
        AnalysisReport report = new FileAnalysis(quiet.jfr(), AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        assertThat(report.pools()).anyMatch(p -> p.name().equals(quiet.pool())
                && p.kind().equals(PoolKinds.JETTY_QUEUED_THREAD_POOL));
        long gap = Duration.ofMillis(JettyWorkload.QUIET_GAP_MILLIS).toNanos();
        assertThat(report.longPolls()).as("no poll of %s holds the wait between two fast requests", quiet.pool())
                .noneMatch(p -> p.pool().equals(quiet.pool()) && p.durationNanos() >= gap);
    }

    /** One child JVM run of the workload under the agent, and its recording. */
    record JettyRun(ChildJvm.Result child, Path jfr, List<RecordedEvent> all) {

        static JettyRun load(Path jfr, String poolName, String jdkSettings, String taskflightSettings) throws Exception {
            ChildJvm.Result child = ChildJvm.run(List.of(
                    "-javaagent:" + ChildJvm.agentJar(),
                    "-Dtaskflight.delaySampling=1",
                    "-XX:StartFlightRecording:settings=" + jdkSettings + ",settings="
                            + ChildJvm.settings(taskflightSettings) + "," + AgentRecordings.CLASS_LOADS
                            + ",filename=" + jfr),
                    JettyWorkload.class, "load", poolName);
            JettyRun run = read(child, jfr);
            AgentRecordings.assertWovenBeforeMain(run.all(), "org.eclipse.jetty.util.thread.QueuedThreadPool");
            return run;
        }

        static JettyRun quiet(Path jfr) throws Exception {
            ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar()), JettyWorkload.class,
                    "quiet", jfr.toString(), ChildJvm.settings("taskflight.jfc").toString());
            return read(child, jfr);
        }

        private static JettyRun read(ChildJvm.Result child, Path jfr) throws Exception {
            assertThat(child.exitCode()).as(child.stderr()).isZero();
            return new JettyRun(child, jfr, AgentRecordings.read(jfr));
        }

        String pool() {
            return lines(child.stdout(), "pool ").get(0);
        }

        List<String> responses() {
            return lines(child.stdout(), "response ");
        }

        List<String[]> slowRequests() {
            return lines(child.stdout(), "slow ").stream().map(l -> ("slow " + l).split(" ")).toList();
        }

        Stream<RecordedEvent> events(String name) {
            return all.stream().filter(e -> e.getEventType().getName().equals(name));
        }

        Stream<RecordedEvent> polls() {
            String pool = pool();
            return events(EventNames.TASK_POLL).filter(e -> pool.equals(PoolField.read(e.getString("pool"))));
        }

        static List<String> lines(String stdout, String prefix) {
            return stdout.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .collect(Collectors.toList());
        }

        static String thread(RecordedEvent e) {
            RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
            return t == null ? "" : String.valueOf(t.getJavaName());
        }

        static String topFrame(RecordedEvent e) {
            return e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty() ? ""
                    : frame(e.getStackTrace().getFrames().get(0));
        }

        static boolean hasFrame(RecordedEvent e, String frame) {
            return e.getStackTrace() != null
                    && e.getStackTrace().getFrames().stream().anyMatch(f -> frame(f).equals(frame));
        }

        private static String frame(jdk.jfr.consumer.RecordedFrame f) {
            return f.getMethod().getType().getName() + "." + f.getMethod().getName();
        }
    }
}
