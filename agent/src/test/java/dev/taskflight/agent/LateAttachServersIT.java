package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.tools.attach.VirtualMachine;
import dev.taskflight.agent.child.server.LateAttachServers;
import dev.taskflight.agent.child.server.ServerWork;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent attached to a running JVM whose Tomcat, Jetty and Undertow request pools, Netty event loops and
 * a Netty {@code DefaultEventExecutorGroup} were already busy (their workers started and their loops compiled): a slow request served after the
 * attach is a long poll of the thread that served it, on each server's pool or event loop group. The
 * child starts its recording (the production profile) after its servers' threads, as {@code jfr-analyze
 * attach} makes it do, just before the test attaches the agent with the JDK's Attach API. Assertions are
 * on the JDK's own evidence (the sleeps, monitor waits and CPU samples of the requests), never on timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateAttachServersIT {

    private static final Pattern SERVED = Pattern.compile("served (\\S+) (\\S+) on (.+)");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("-?\\d+$");
    private static final long SLOW_NANOS = Duration.ofMillis(ServerWork.SPIN_MILLIS).toNanos();
    /** Each server's request pool, by the kind its {@code PoolInfo} gives. */
    private static final Map<String, String> KINDS = Map.of("http-nio", "TomcatThreadPoolExecutor",
            "qtp", "JettyQueuedThreadPool", "XNIO", "EnhancedQueueExecutor", "multiThreadIoEventLoopGroup",
            "NettyEventLoopGroup", "defaultEventExecutorGroup", "NettyEventExecutorGroup");

    private String stdout;
    private List<RecordedEvent> events;
    private AnalysisReport report;
    /** The slow requests (endpoint and index) by the thread that served them. */
    private final Map<String, List<String>> slowByThread = new LinkedHashMap<>();

    @BeforeAll
    void attachWhileTheServersRun(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("late.jfr");
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        List<String> options = new ArrayList<>();
        if (Runtime.version().feature() >= 21) {
            options.add("-XX:+EnableDynamicAgentLoading"); // else JDK 21+ warns of the dynamic agent
        }
        // the test's class path: the servers are test dependencies
        Process child = ChildJvm.start(options, System.getProperty("java.class.path"), LateAttachServers.class,
                List.of(jfr.toString(), ChildJvm.settings("taskflight.jfc").toString()), out, err);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive() || Files.readString(out).contains("ready"));
            assertThat(child.isAlive()).as("the child, which wrote: %s", Files.readString(err)).isTrue();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(child.pid()));
            try {
                vm.loadAgent(ChildJvm.agentJar().toString(), "");
            } finally {
                vm.detach();
            }
            OutputStream stdin = child.getOutputStream();
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive() || Files.readString(out).contains("done"));
            assertThat(ChildJvm.closeStdinAndAwaitExit(child)).as(Files.readString(err)).isZero();
        } finally {
            child.destroyForcibly();
        }
        stdout = Files.readString(out);
        assertThat(Files.readString(err)).doesNotContain("Exception", "WARNING: Taskflight");
        for (String line : stdout.lines().collect(Collectors.toList())) {
            Matcher m = SERVED.matcher(line);
            if (m.matches() && !m.group(1).equals(ServerWork.FAST)) {
                slowByThread.computeIfAbsent(m.group(3), t -> new ArrayList<>()).add(m.group(1) + " " + m.group(2));
            }
        }
        events = AgentRecordings.read(jfr);
        report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
    }

    @Test
    void everyRequestIsServedAsWithoutTheAgent() {
        int requests = LateAttachServers.SERVERS.size()
                * (LateAttachServers.ROUNDS * ServerWork.SLOW.length + LateAttachServers.FAST_REQUESTS);
        List<String> responses = stdout.lines().filter(l -> l.startsWith("response ")).collect(Collectors.toList());
        assertThat(responses).hasSize(requests).allSatisfy(r -> assertThat(r).contains(" 200 ").endsWith(" done"));
    }

    /** No server's pool is reported with nothing seen: before the fix, Tomcat's read "0 polls" and "OK". */
    @Test
    void eachServersRequestPoolIsReportedWithTheRequestsServedAfterTheAttach() {
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            List<PoolReport> pools = report.pools().stream().filter(p -> p.kind().equals(kind.getValue()))
                    .collect(Collectors.toList());
            assertThat(pools).as("%s pools in %s", kind.getValue(), report.pools()).isNotEmpty();
            String slowPool = pool(kind.getKey());
            assertThat(pools).as("the pool that served the slow requests")
                    .anySatisfy(p -> {
                        assertThat(p.name()).startsWith(slowPool);
                        assertThat(p.totals().polls()).isPositive();
                    });
        }
    }

    /**
     * No class of Taskflight's is loaded on one of the application's threads after the attach
     * ({@link AgentRecordings#assertNoTaskflightClassLoadedByTheApplication}): the agent loads and initializes
     * what its hooks need on the attach thread, before it weaves the code the running pools are in.
     */
    @Test
    void noTaskflightClassIsLoadedOnAnApplicationThread() {
        assertThat(events).as("Taskflight's own classes loaded on the attach thread")
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ClassLoad") && e.getThread() != null
                        && e.getThread().getJavaName().equals("Attach Listener")
                        && e.<RecordedClass>getValue("loadedClass").getName().startsWith("dev.taskflight.events."));
        AgentRecordings.assertNoTaskflightClassLoadedByTheApplication(events);
    }

    /**
     * A pool's poll count covers the requests served after the attach, not only those after its first
     * periodic sample, up to a second later: each worker writes its counters as it joins. Undertow's
     * workers are seen at every task, so each request is a poll of its pool. A Tomcat worker already running
     * is counted through {@code beforeExecute}, which code the JIT compiled before the attach can still skip
     * for a while (docs/attach.md): at least 90% of the requests.
     */
    @Test
    void theRequestsServedAfterTheAttachAreCounted() {
        int served = LateAttachServers.ROUNDS * ServerWork.SLOW.length + LateAttachServers.FAST_REQUESTS;
        assertThat(poolOfKind("EnhancedQueueExecutor", "XNIO").totals().polls()).as("Undertow's polls")
                .isGreaterThanOrEqualTo(served);
        assertThat(poolOfKind("TomcatThreadPoolExecutor", "http-nio").totals().polls()).as("Tomcat's polls")
                .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * served));
    }

    /**
     * Under the production profile the watchdog finds the long polls; a watchdog that gets no CPU for
     * longer than a request (docs/modes.md) misses one, so at least 90% are found, on each server.
     */
    @Test
    void everySlowRequestIsALongPollOfItsThread() {
        for (String server : KINDS.keySet()) {
            int slow = 0;
            long found = 0;
            for (Map.Entry<String, List<String>> served : slowByThread.entrySet()) {
                if (!served.getKey().startsWith(server)) {
                    continue;
                }
                slow += served.getValue().size();
                long polls = of(EventNames.TASK_POLL).stream().filter(e -> served.getKey().equals(threadName(e))
                        && e.getDuration().toNanos() >= SLOW_NANOS).count();
                found += Math.min(polls, served.getValue().size());
            }
            assertThat(slow).as("slow requests served by %s threads: %s", server, slowByThread)
                    .isEqualTo(LateAttachServers.ROUNDS * ServerWork.SLOW.length);
            assertThat(found).as("slow requests on %s seen as long polls", server)
                    .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * slow));
        }
    }

    @Test
    void theSlowRequestsWorkLiesInsidePollsOfTheirThread() {
        List<RecordedEvent> sleeps = work("jdk.ThreadSleep", "sleepSixtyMillis");
        List<RecordedEvent> monitors = work("jdk.JavaMonitorEnter", "enterLedger");
        // Every sleep and monitor wait lasts three times the JDK's threshold: the JDK records each one.
        int slowOfEach = LateAttachServers.SERVERS.size() * LateAttachServers.ROUNDS;
        assertThat(sleeps).hasSize(slowOfEach);
        assertThat(monitors).hasSize(slowOfEach);
        List<RecordedEvent> work = new ArrayList<>(sleeps);
        work.addAll(monitors);
        work.addAll(work("jdk.ExecutionSample", "spinFortyMillis"));
        List<RecordedEvent> outside = work.stream().filter(e -> !insidePoll(e)).collect(Collectors.toList());
        assertThat((long) work.size() - outside.size()).as("work inside a poll of its thread; outside: %s", outside)
                .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * work.size()));
    }

    /** The pool of a kind that served the slow requests of the threads named {@code prefix...}. */
    private PoolReport poolOfKind(String kind, String prefix) {
        String name = pool(prefix);
        return report.pools().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " pool " + name + " in " + report.pools()));
    }

    /** The pool name of the threads whose names start with {@code prefix} that served slow requests. */
    private String pool(String prefix) {
        List<String> pools = slowByThread.keySet().stream().filter(t -> t.startsWith(prefix))
                .map(t -> TRAILING_NUMBER.matcher(t).replaceFirst("")).distinct().collect(Collectors.toList());
        assertThat(pools).as("the pools of %s threads in %s", prefix, slowByThread.keySet()).hasSize(1);
        return pools.get(0);
    }

    private List<RecordedEvent> of(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    /** The JDK's events of a request's work: those whose stack holds the request's method. */
    private List<RecordedEvent> work(String jdkEvent, String method) {
        return of(jdkEvent).stream().filter(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getName().equals(method) && m.getType().getName().equals(ServerWork.class.getName())))
                .collect(Collectors.toList());
    }

    private boolean insidePoll(RecordedEvent work) {
        String thread = threadName(work);
        return of(EventNames.TASK_POLL).stream().filter(p -> thread.equals(threadName(p)))
                .anyMatch(p -> !work.getStartTime().isBefore(p.getStartTime()) && !work.getEndTime().isAfter(p.getEndTime()));
    }

    /** The thread an event is about: its own, or for a CPU sample the sampled one. */
    private static String threadName(RecordedEvent e) {
        RecordedThread thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        return thread == null ? "" : String.valueOf(thread.getJavaName());
    }
}
