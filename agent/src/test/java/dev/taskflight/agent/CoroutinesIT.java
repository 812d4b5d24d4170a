package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.CoroutinesWorkload;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolKinds;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kotlin coroutines under the agent, from Java: spins on {@code Dispatchers.Default} and sleeps on
 * {@code Dispatchers.IO} lie inside polls of the pool of their task mode, and the analysis engine
 * names CPU and sleep as their causes, under the production and the trace profile.
 */
class CoroutinesIT {

    private static final String SPIN = "spinOnCpu";
    private static final String SLEEP = "sleepOnIo";
    private static final String SCHEDULER = "kotlinx.coroutines.scheduling.CoroutineScheduler";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} profile")
    @CsvSource({"production, default, taskflight.jfc", "trace, profile, taskflight-trace.jfc"})
    void slowCoroutineWorkLiesInsidePollsOfItsDispatcherWithItsCause(String profile, String jdk, String jfc)
            throws Exception {
        Path jfr = dir.resolve(profile + ".jfr");
        ChildJvm.recordUnderAgent(jfr, jdk, jfc, CoroutinesWorkload.class);
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        SlowWork work = new SlowWork(events);

        SlowWork.Coverage cpu = work.cpuSamples(SPIN, "Dispatchers.Default"::equals);
        assertThat(cpu.total()).as("CPU samples in the spins").isGreaterThanOrEqualTo(5);
        assertThat(cpu.share()).as("share of %s CPU samples inside Dispatchers.Default polls", cpu).isGreaterThanOrEqualTo(0.9);
        SlowWork.Coverage sleeps = work.sleeps(SLEEP, "Dispatchers.IO"::equals);
        assertThat(sleeps.total()).as("sleeps").isEqualTo(CoroutinesWorkload.SLEEPS);
        assertThat(sleeps.share()).as("share of %s sleeps inside Dispatchers.IO polls", sleeps).isGreaterThanOrEqualTo(0.9);

        assertThat(work.explainedAs(jfr, SPIN, "Dispatchers.Default", CauseKind.CPU).share()).as("explained as cpu")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(work.explainedAs(jfr, SLEEP, "Dispatchers.IO", CauseKind.SLEEP).share()).as("explained as sleep")
                .isGreaterThanOrEqualTo(0.9);

        Map<String, RecordedEvent> infos = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POOL_INFO))
                .collect(Collectors.toMap(e -> e.getString("pool"), e -> e, (a, b) -> a));
        assertThat(infos).containsKeys("Dispatchers.Default", "Dispatchers.IO");
        assertThat(infos.values()).filteredOn(e -> e.getString("pool").startsWith("Dispatchers."))
                .allSatisfy(e -> {
                    assertThat(e.getString("kind")).isEqualTo(PoolKinds.COROUTINE_SCHEDULER);
                    assertThat(e.getString("instrumentation")).isEqualTo(Instrumentation.AGENT);
                });
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                .filteredOn(e -> e.getString("pool").equals("Dispatchers.Default"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getInt("localQueueDepth")).isGreaterThanOrEqualTo(0));
    }

    @Test
    void kotlinxCoroutines164IsInstrumentedTheSameWay() throws Exception {
        Path jfr = dir.resolve("1.6.4.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), classPathWith("kotlinx-coroutines-core-jvm-1.6.4.jar"),
                CoroutinesWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("Taskflight", "Exception");
        List<RecordedEvent> polls = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL)).collect(Collectors.toList());
        SlowWork work = new SlowWork(AgentRecordings.read(jfr));
        assertThat(work.sleeps(SLEEP, "Dispatchers.IO"::equals))
                .satisfies(c -> assertThat(c.inside()).isEqualTo(CoroutinesWorkload.SLEEPS));
        assertThat(polls).filteredOn(e -> e.getString("pool").equals("Dispatchers.Default"))
                .filteredOn(e -> e.getDuration().toMillis() >= CoroutinesWorkload.SPIN_MILLIS)
                .hasSizeGreaterThanOrEqualTo(CoroutinesWorkload.SPINS);
    }

    /**
     * The scheduler and its worker class are woven, and the scheduler's handles looked up, on the thread that
     * installs the agent, before {@code main}: the program's first dispatch to {@code Dispatchers.Default}
     * used to weave the worker class on the dispatching thread and have the first worker look the handles up
     * before its first task (55–80 ms later than without the agent, BENCHMARKS.md). In the recording, which
     * starts before {@code main} and records every class load, neither class is loaded on a thread of the
     * program, and no class is spun on one for the handles' look-up.
     */
    @Test
    void theSchedulerIsWovenAndReadBeforeMainSoTheFirstDispatchWaitsForNoneOfIt() throws Exception {
        Path jfr = dir.resolve("preloaded.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), CoroutinesWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        assertThat(events).as("the program's tasks, recorded")
                .anyMatch(e -> e.getEventType().getName().equals(EventNames.POOL_INFO)
                        && e.getString("pool").equals("Dispatchers.Default"));
        assertThat(events).as("the program's own classes, loaded while recording")
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ClassLoad")
                        && e.getClass("loadedClass").getName().equals(CoroutinesWorkload.class.getName()));
        AgentRecordings.assertWovenBeforeMain(events, SCHEDULER, SCHEDULER + "$Worker");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("jdk.ClassLoad"))
                .filteredOn(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getType().getName().endsWith(".kotlin.SchedulerHandles")
                                && f.getMethod().getName().equals("<init>")))
                .as("classes spun for the handles' look-up").isEmpty();
    }

    /** With {@code preload=false} the scheduler is woven where the program first loads it, and still recorded. */
    @Test
    void withoutPreloadTheSchedulerIsWovenWhereTheProgramLoadsItAndStillRecorded() throws Exception {
        Path jfr = dir.resolve("not-preloaded.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar() + "=preload=false",
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), CoroutinesWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        assertThat(events).as("the scheduler, defined on the program's main thread")
                .anyMatch(e -> e.getEventType().getName().equals("jdk.ClassDefine")
                        && e.getClass("definedClass").getName().equals(SCHEDULER)
                        && e.getThread() != null && e.getThread().getJavaName().equals("main"));
        assertThat(events).as("the program's tasks, recorded")
                .anyMatch(e -> e.getEventType().getName().equals(EventNames.POOL_INFO)
                        && e.getString("pool").equals("Dispatchers.Default"));
    }

    @Test
    void theProgramPrintsTheSameWithAndWithoutTheAgent() throws Exception {
        ChildJvm.Result plain = ChildJvm.run(List.of("-XX:StartFlightRecording:settings="
                + ChildJvm.settings("taskflight-trace.jfc") + ",filename=" + dir.resolve("plain.jfr")), CoroutinesWorkload.class);
        ChildJvm.Result agent = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=" + ChildJvm.settings("taskflight-trace.jfc")
                        + ",filename=" + dir.resolve("same.jfr")), CoroutinesWorkload.class);
        assertThat(plain.exitCode()).isZero();
        assertThat(agent.exitCode()).as(agent.stderr()).isZero();
        assertThat(withoutJfrLines(agent.stdout())).isEqualTo(withoutJfrLines(plain.stdout()))
                .contains("coroutine 42", "done");
    }

    /** The test class path with the kotlinx-coroutines jar replaced by another version's. */
    private static String classPathWith(String jar) {
        Path other = Path.of(System.getProperty("taskflight.library.versions", "target/library-versions"), jar);
        assertThat(other).exists();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> e.contains("kotlinx-coroutines-core-jvm") ? other.toString() : e)
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The program's own output: without the JVM's {@code [jfr,startup]} lines, which name the pid. */
    static String withoutJfrLines(String stdout) {
        return stdout.lines().filter(l -> !l.contains("[jfr,startup]")).collect(Collectors.joining("\n"));
    }
}
