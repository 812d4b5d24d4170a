package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.server.LoopbackLoad;
import dev.taskflight.agent.child.server.ServerWork;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every real server must show under the agent, on its request pool: a server program (a child
 * JVM, see {@link dev.taskflight.agent.child.server}) serves {@link LoopbackLoad}'s requests under
 * the production profile, under the trace profile, and without the agent. Subclasses name the
 * server program, its pools' kind and configuration. Assertions are on behaviour and on the JDK's
 * own evidence in the recording, never on timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerUnderAgentContract {

    /** The recording settings a run uses. */
    enum Profile {
        PRODUCTION("default", "taskflight.jfc"), TRACE("profile", "taskflight-trace.jfc");

        final String jdkSettings;
        final String taskflightSettings;

        Profile(String jdkSettings, String taskflightSettings) {
            this.jdkSettings = jdkSettings;
            this.taskflightSettings = taskflightSettings;
        }
    }

    /** One run of the server program: its output, what it served where, and its recording. */
    record Run(ChildJvm.Result child, Path jfr, List<String> responses, Map<String, List<String>> slowByThread,
            String slowPool, String fastPool, List<RecordedEvent> events, AnalysisReport report) {
    }

    private static final Pattern SERVED = Pattern.compile("^served (\\S+) (\\S+) on (.+)$", Pattern.MULTILINE);
    private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_.#\\s]*\\d+$");
    private static final long SLOW_NANOS = Duration.ofMillis(ServerWork.SPIN_MILLIS).toNanos();
    /** Thresholds no fast request can reach, so that any finding on the fast pool is a false one. */
    private static final AnalysisOptions FAR_THRESHOLDS = AnalysisOptions.DEFAULT.withThresholds(
            new FindingThresholds(new LongPollFinding.Thresholds(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                    new IdleWorkerFinding.Thresholds(Duration.ofSeconds(5), Duration.ofSeconds(10), 0, 1),
                    new SchedulingDelayFinding.Thresholds(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                    new QueueBacklogFinding.Thresholds(10_000, 100_000),
                    new ImbalanceFinding.Thresholds(10_000, 100_000),
                    new PinnedCarrierFinding.Thresholds(Duration.ofSeconds(5), Duration.ofSeconds(10))));

    private final Map<Profile, Run> runs = new EnumMap<>(Profile.class);
    private List<String> plainResponses;

    /** @return the server program, a main class in {@code dev.taskflight.agent.child.server} */
    abstract Class<?> serverProgram();

    /** @return the kind of the server's request pools in {@code PoolInfo} and {@code QueueSample} */
    abstract String poolKind();

    /** @return the pattern every request pool's name matches */
    abstract Pattern poolName();

    /** @return the configured {core, maximum} threads of each of the program's request pools */
    abstract int[] poolSize();

    /** @return the request pools' class that the agent weaves, a binary name */
    abstract String poolClass();

    @BeforeAll
    void runTheServer(@TempDir Path dir) throws Exception {
        for (Profile profile : Profile.values()) {
            Path jfr = dir.resolve(profile.name().toLowerCase() + ".jfr");
            ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                    "-XX:StartFlightRecording:settings=" + profile.jdkSettings + ",settings="
                            + ChildJvm.settings(profile.taskflightSettings) + "," + AgentRecordings.CLASS_LOADS
                            + ",filename=" + jfr),
                    serverProgram());
            assertThat(child.exitCode()).as(child.stderr()).isZero();
            runs.put(profile, read(child, jfr));
        }
        ChildJvm.Result plain = ChildJvm.run(List.of(), serverProgram());
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        plainResponses = responses(plain);
    }

    @Test
    void theServerAnswersTheSameWithAndWithoutTheAgent() {
        assertThat(plainResponses).hasSize(LoopbackLoad.ROUNDS * ServerWork.SLOW.length + LoopbackLoad.FAST_REQUESTS)
                .allSatisfy(r -> assertThat(r).contains(" 200 ").endsWith(" done"));
        runs.values().forEach(run -> assertThat(run.responses()).isEqualTo(plainResponses));
    }

    /**
     * The server's threads, its request pools' first workers among them, never load a class of Taskflight's:
     * the agent loaded and initialized what its hooks need in {@code premain}, before {@code main}
     * ({@link AgentRecordings#assertNoTaskflightClassLoadedByTheApplication}).
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void noTaskflightClassIsLoadedOnTheServersThreads(Profile profile) {
        AgentRecordings.assertNoTaskflightClassLoadedByTheApplication(runs.get(profile).events());
    }

    /**
     * The request pools' class is loaded, and woven, in {@code premain}: the server's start does not wait for
     * Byte Buddy's weaving ({@link AgentRecordings#assertWovenBeforeMain}).
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void thePoolsClassIsWovenBeforeMainNotOnTheServersThreads(Profile profile) {
        AgentRecordings.assertWovenBeforeMain(runs.get(profile).events(), poolClass());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theRequestPoolsAreNamedAsTheirThreadsWithTheirKindAndConfiguration(Profile profile) {
        Run run = runs.get(profile);
        assertThat(run.child().stderr()).doesNotContain("Taskflight agent:");
        for (String pool : List.of(run.slowPool(), run.fastPool())) {
            assertThat(pool).matches(poolName());
            List<RecordedEvent> infos = of(run, EventNames.POOL_INFO, e -> pool.equals(e.getString("pool")));
            assertThat(infos).as("PoolInfo of %s", pool).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getString("kind")).isEqualTo(poolKind());
                assertThat(e.getInt("corePoolSize")).isEqualTo(poolSize()[0]);
                assertThat(e.getInt("maximumPoolSize")).isEqualTo(poolSize()[1]);
            });
            assertThat(of(run, EventNames.QUEUE_SAMPLE, e -> pool.equals(e.getString("pool"))))
                    .as("QueueSample of %s", pool).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getString("kind")).isEqualTo(poolKind()))
                    .anySatisfy(e -> assertThat(e.getLong("queuedTasks")).isNotNegative());
        }
    }

    /**
     * Under the trace profile every poll is timed, so each slow request is a long poll of the thread
     * that served it. Under the production profile the watchdog finds the long polls, and a watchdog
     * that gets no CPU for longer than a request (docs/modes.md) misses it: at least 90% are found.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void everySlowRequestIsALongPollOfItsThreadOnTheRequestPool(Profile profile) {
        Run run = runs.get(profile);
        int slowRequests = LoopbackLoad.ROUNDS * ServerWork.SLOW.length;
        assertThat(run.slowByThread().values().stream().mapToInt(List::size).sum()).isEqualTo(slowRequests);
        long found = 0;
        for (Map.Entry<String, List<String>> served : run.slowByThread().entrySet()) {
            long polls = of(run, EventNames.TASK_POLL, e -> run.slowPool().equals(PoolField.read(e.getString("pool")))
                    && served.getKey().equals(threadName(e)) && e.getDuration().toNanos() >= SLOW_NANOS).size();
            if (profile == Profile.TRACE) {
                assertThat(polls).as("polls of at least %d ms on %s, which served %s", ServerWork.SPIN_MILLIS,
                        served.getKey(), served.getValue()).isGreaterThanOrEqualTo(served.getValue().size());
            }
            found += Math.min(polls, served.getValue().size());
        }
        assertThat(found).as("slow requests seen as long polls").isGreaterThanOrEqualTo(atLeastNinetyPercent(slowRequests));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theSlowRequestsWorkLiesInsidePollsOfTheirThread(Profile profile) {
        Run run = runs.get(profile);
        List<RecordedEvent> sleeps = work(run, "jdk.ThreadSleep", "sleepSixtyMillis");
        List<RecordedEvent> monitors = work(run, "jdk.JavaMonitorEnter", "enterLedger");
        List<RecordedEvent> samples = work(run, "jdk.ExecutionSample", "spinFortyMillis");
        // Every sleep and monitor wait lasts three times the JDK's threshold: the JDK records each one.
        assertThat(sleeps).hasSize(LoopbackLoad.ROUNDS);
        assertThat(monitors).hasSize(LoopbackLoad.ROUNDS);
        List<RecordedEvent> work = new ArrayList<>(sleeps);
        work.addAll(monitors);
        work.addAll(samples);
        List<RecordedEvent> outside = work.stream().filter(e -> !insidePoll(run, e)).collect(Collectors.toList());
        assertThat((long) work.size() - outside.size()).as("work inside a poll of its thread; outside: %s", outside)
                .isGreaterThanOrEqualTo(atLeastNinetyPercent(work.size()));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theLongPollsAreExplainedBySpinSleepAndMonitor(Profile profile) {
        Run run = runs.get(profile);
        List<LongPoll> longPolls = run.report().longPolls().stream()
                .filter(p -> p.pool().equals(run.slowPool())).collect(Collectors.toList());
        assertThat(longPolls).isNotEmpty();
        int checked = 0;
        for (LongPoll poll : longPolls) {
            if (holds(poll, work(run, "jdk.ThreadSleep", "sleepSixtyMillis"))) {
                assertThat(poll.explanation().causes()).as(poll.explanation().describe())
                        .anySatisfy(c -> assertThat(c.kind()).isEqualTo(CauseKind.SLEEP));
                checked++;
            }
            if (holds(poll, work(run, "jdk.JavaMonitorEnter", "enterLedger"))) {
                assertThat(poll.explanation().causes()).as(poll.explanation().describe()).anySatisfy(c -> {
                    assertThat(c.kind()).isEqualTo(CauseKind.MONITOR_ENTER);
                    assertThat(c.subject()).contains(ServerWork.Ledger.class.getName());
                });
                checked++;
            }
            if (holds(poll, work(run, "jdk.ExecutionSample", "spinFortyMillis"))) {
                // on CPU; the spin names the poll's top frame unless the request's first run (class loading,
                // Tomcat's lazy set-up) took more samples than the spin, which a loaded machine can make happen
                assertThat(poll.explanation().causes()).as(poll.explanation().describe())
                        .anySatisfy(c -> assertThat(c.kind()).isEqualTo(CauseKind.CPU));
                checked++;
            }
        }
        // Each sleep and monitor wait is in the recording (see above), so polls holding them were explained.
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theFastRequestsRaiseNoFinding(Profile profile) throws Exception {
        Run run = runs.get(profile);
        AnalysisReport far = new FileAnalysis(run.jfr(), FAR_THRESHOLDS, ProgressListener.NONE).run();
        assertThat(far.pools()).extracting(PoolReport::name).contains(run.fastPool());
        if (profile == Profile.TRACE) { // every poll is an event (counters come from periodic samples)
            assertThat(of(run, EventNames.TASK_POLL, e -> run.fastPool().equals(PoolField.read(e.getString("pool")))))
                    .as("polls of %s", run.fastPool()).hasSizeGreaterThanOrEqualTo(LoopbackLoad.FAST_REQUESTS);
        }
        assertThat(far.findings()).noneSatisfy(f -> assertThat(f.pool()).isEqualTo(run.fastPool()));
    }

    private static long atLeastNinetyPercent(int n) {
        return (long) Math.ceil(0.9 * n);
    }

    private Run read(ChildJvm.Result child, Path jfr) throws Exception {
        Map<String, List<String>> slowByThread = new TreeMap<>();
        List<String> fastThreads = new ArrayList<>();
        Matcher m = SERVED.matcher(child.stdout());
        while (m.find()) {
            if (m.group(1).equals(ServerWork.FAST)) {
                fastThreads.add(m.group(3));
            } else {
                slowByThread.computeIfAbsent(m.group(3), t -> new ArrayList<>()).add(m.group(1) + " " + m.group(2));
            }
        }
        assertThat(fastThreads).as(child.stdout()).hasSize(LoopbackLoad.FAST_REQUESTS);
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        AnalysisReport report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        return new Run(child, jfr, responses(child), slowByThread, pool(slowByThread.keySet()), pool(fastThreads),
                events, report);
    }

    private static String pool(Collection<String> threads) {
        List<String> pools = threads.stream().map(t -> TRAILING_NUMBER.matcher(t).replaceFirst(""))
                .distinct().collect(Collectors.toList());
        assertThat(pools).as("the pools of threads %s", threads).hasSize(1);
        return pools.get(0);
    }

    private static List<String> responses(ChildJvm.Result child) {
        return child.stdout().lines().filter(l -> l.startsWith("response ")).collect(Collectors.toList());
    }

    private static List<RecordedEvent> of(Run run, String name, Predicate<RecordedEvent> filter) {
        return run.events().stream().filter(e -> e.getEventType().getName().equals(name)).filter(filter)
                .collect(Collectors.toList());
    }

    /** The JDK's events of a request's work: those whose stack holds the request's method. */
    private static List<RecordedEvent> work(Run run, String jdkEvent, String method) {
        return of(run, jdkEvent, e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getName().equals(method) && m.getType().getName().equals(ServerWork.class.getName())));
    }

    private static boolean insidePoll(Run run, RecordedEvent work) {
        String thread = threadName(work);
        return run.events().stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .filter(e -> run.slowPool().equals(PoolField.read(e.getString("pool"))) && thread.equals(threadName(e)))
                .anyMatch(p -> !work.getStartTime().isBefore(p.getStartTime()) && !work.getEndTime().isAfter(p.getEndTime()));
    }

    private static boolean holds(LongPoll poll, List<RecordedEvent> work) {
        Instant end = poll.start().plusNanos(poll.durationNanos());
        return work.stream().anyMatch(e -> threadName(e).equals(poll.thread())
                && !e.getStartTime().isBefore(poll.start()) && !e.getEndTime().isAfter(end));
    }

    /** The thread an event is about: its own, or for a CPU sample the sampled one. */
    private static String threadName(RecordedEvent e) {
        RecordedThread thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        return thread == null ? "" : String.valueOf(thread.getJavaName());
    }
}
