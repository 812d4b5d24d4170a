package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.ServerPoolWorkload;
import dev.taskflight.agent.child.jetty.JettyShrinkWorkload;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.PoolField;
import dev.taskflight.events.PoolKinds;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The older lines of the servers' request pools, used directly in a child JVM under the agent and
 * the trace profile: Tomcat 10.1's and 9.0's {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}
 * (tomcat-embed-core) and Jetty 10's and 11's {@code QueuedThreadPool} (jetty-util), each swapped
 * into the child's class path for the test's Tomcat 11 and Jetty 12 (copied to
 * {@code target/library-versions} by the build). Every task is one poll of the pool, named and of
 * the pool's kind, on the pool's own threads; the workers' waits between waves are parks; no poll
 * overlaps another or a park of its thread; the slow tasks' sleeps and CPU samples lie inside their
 * polls; the family is hooked and nothing is skipped. A Jetty worker thread that ends (the pool
 * shrinking by its idle timeout) leaves its pool, on Jetty 10, 11 and 12: the next thread takes its
 * index.
 */
class ServerPoolVersionsIT {

    private static final int TASKS = ServerPoolWorkload.WAVES
            * (ServerPoolWorkload.SPINS + ServerPoolWorkload.SLEEPS + ServerPoolWorkload.FAST);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "tomcat, tomcat-embed-core-10.1.49.jar",
        "tomcat, tomcat-embed-core-9.0.112.jar",
        "jetty, jetty-util-10.0.26.jar",
        "jetty, jetty-util-11.0.26.jar"})
    void everyTaskIsAPollOfThePoolAndEveryWaitAPark(String family, String jar) throws Exception {
        Path jfr = dir.resolve(jar + ".jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), classPathWith(jar), ServerPoolWorkload.class, family);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("Taskflight", "Exception");
        assertThat(child.stdout()).as("the pool's jar").contains("pool from ", jar).contains("done");

        boolean tomcat = family.equals("tomcat");
        String pool = tomcat ? "http-nio-9090-exec" : ServerPoolWorkload.JETTY_POOL;
        String threadPrefix = tomcat ? ServerPoolWorkload.TOMCAT_THREADS : ServerPoolWorkload.JETTY_POOL + "-";
        List<RecordedEvent> events = AgentRecordings.read(jfr);
        AgentRecordings.assertWovenBeforeMain(events,
                tomcat ? "org.apache.tomcat.util.threads.ThreadPoolExecutor" : "org.eclipse.jetty.util.thread.QueuedThreadPool");

        // written at each chunk's start and end: the family is hooked once the pool's class has loaded
        assertThat(named(events, EventNames.AGENT_INFO)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getString("skipped")).doesNotContain(family))
                .anySatisfy(e -> assertThat(e.getString("hooked")).contains(family));
        assertThat(named(events, EventNames.POOL_INFO).filter(e -> e.getString("pool").equals(pool)))
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getString("kind"))
                            .isEqualTo(tomcat ? PoolKinds.TOMCAT_THREAD_POOL : PoolKinds.JETTY_QUEUED_THREAD_POOL);
                    assertThat(e.getString("instrumentation")).isEqualTo(Instrumentation.AGENT);
                    assertThat(e.getInt("maximumPoolSize")).isEqualTo(ServerPoolWorkload.WORKERS);
                });

        List<RecordedEvent> polls = named(events, EventNames.TASK_POLL)
                .filter(e -> PoolField.read(e.getString("pool")).equals(pool)).collect(Collectors.toList());
        assertThat(polls).allSatisfy(p -> assertThat(p.getThread("eventThread").getJavaName()).startsWith(threadPrefix));
        Map<String, List<RecordedEvent>> byTask = polls.stream()
                .collect(Collectors.groupingBy(p -> p.getString("taskName") == null ? "" : p.getString("taskName")));
        List<String> tasks = List.of(ServerPoolWorkload.Spin.class.getName(), ServerPoolWorkload.Sleep.class.getName(),
                ServerPoolWorkload.Fast.class.getName());
        assertThat(byTask.keySet()).containsAll(tasks);
        assertThat(tasks.stream().mapToInt(t -> byTask.get(t).size()).sum()).as("one poll per task").isEqualTo(TASKS);
        // Jetty's stop queues one no-op job per idle thread to wake it: polls of the pool's own lambda
        List<String> others = byTask.keySet().stream().filter(t -> !tasks.contains(t)).collect(Collectors.toList());
        if (tomcat) {
            assertThat(others).as("polls of other tasks").isEmpty();
        } else {
            assertThat(others).allSatisfy(t -> assertThat(t).startsWith("org.eclipse.jetty.util.thread.QueuedThreadPool"));
            assertThat(others.stream().mapToInt(t -> byTask.get(t).size()).sum()).isLessThanOrEqualTo(ServerPoolWorkload.WORKERS);
        }
        Duration slow = Duration.ofMillis(ServerPoolWorkload.SLOW_MILLIS);
        assertThat(byTask.get(ServerPoolWorkload.Spin.class.getName())).hasSize(ServerPoolWorkload.WAVES * ServerPoolWorkload.SPINS)
                .allSatisfy(p -> assertThat(p.getDuration()).isGreaterThanOrEqualTo(slow));
        assertThat(byTask.get(ServerPoolWorkload.Sleep.class.getName())).hasSize(ServerPoolWorkload.WAVES * ServerPoolWorkload.SLEEPS)
                .allSatisfy(p -> assertThat(p.getDuration()).isGreaterThanOrEqualTo(slow));

        List<RecordedEvent> parks = named(events, EventNames.WORKER_PARK)
                .filter(e -> e.getString("pool").equals(pool)).collect(Collectors.toList());
        Map<String, Duration> longestPark = parks.stream().collect(Collectors.toMap(
                p -> p.getThread("eventThread").getJavaName(), RecordedEvent::getDuration,
                (a, b) -> a.compareTo(b) >= 0 ? a : b));
        assertThat(longestPark).as("each worker waited through the pause between the waves")
                .hasSize(ServerPoolWorkload.WORKERS)
                .allSatisfy((thread, longest) -> {
                    assertThat(thread).startsWith(threadPrefix);
                    assertThat(longest).isGreaterThanOrEqualTo(Duration.ofMillis(ServerPoolWorkload.PAUSE_MILLIS / 2));
                });
        assertThat(overlaps(Stream.concat(polls.stream(), parks.stream()).collect(Collectors.toList())))
                .as("polls and parks of one thread never overlap").isEmpty();

        SlowWork work = new SlowWork(events);
        SlowWork.Coverage sleeps = work.sleeps("sleepInPool", pool::equals);
        assertThat(sleeps.total()).as("sleeps").isEqualTo(ServerPoolWorkload.WAVES * ServerPoolWorkload.SLEEPS);
        assertThat(sleeps.inside()).as("sleeps inside polls").isEqualTo(sleeps.total());
        SlowWork.Coverage cpu = work.cpuSamples("spinInPool", pool::equals);
        assertThat(cpu.total()).as("CPU samples in the spins").isPositive();
        assertThat(cpu.inside()).as("CPU samples inside polls").isEqualTo(cpu.total());
    }

    @ParameterizedTest(name = "jetty {0}")
    @CsvSource({"10, jetty-util-10.0.26.jar", "11, jetty-util-11.0.26.jar", "12, "})
    void aJettyWorkerThatEndsFreesItsIndexForTheNextThread(String version, String jar) throws Exception {
        Path jfr = dir.resolve("shrink-" + version + ".jfr");
        String classPath = jar == null ? System.getProperty("java.class.path") : classPathWith(jar);
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=profile,settings=" + ChildJvm.settings("taskflight-trace.jfc")
                        + "," + AgentRecordings.CLASS_LOADS + ",filename=" + jfr), classPath, JettyShrinkWorkload.class);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("Taskflight", "Exception");
        assertThat(child.stdout()).contains("pool from ", jar == null ? "jetty-util-12" : jar).contains("done");
        for (int wave = 1; wave <= JettyShrinkWorkload.WAVES; wave++) {
            assertThat(child.stdout()).contains("wave " + wave + ": " + JettyShrinkWorkload.MAX_THREADS + " threads, then 1");
        }

        List<RecordedEvent> holds = named(AgentRecordings.read(jfr), EventNames.TASK_POLL)
                .filter(e -> PoolField.read(e.getString("pool")).equals(JettyShrinkWorkload.POOL))
                .filter(e -> JettyShrinkWorkload.Hold.class.getName().equals(e.getString("taskName")))
                .collect(Collectors.toList());
        assertThat(holds).hasSize(JettyShrinkWorkload.WAVES * JettyShrinkWorkload.MAX_THREADS);
        assertThat(holds.stream().map(e -> e.getThread("eventThread").getJavaThreadId()).distinct().count())
                .as("threads that ran a job: each wave's new ones replace the ones that ended")
                .isGreaterThan(JettyShrinkWorkload.MAX_THREADS);
        assertThat(holds).as("worker indexes: an ended thread's is free for the next")
                .allSatisfy(e -> assertThat(e.getInt("worker")).isBetween(0, JettyShrinkWorkload.MAX_THREADS - 1));
    }

    private static Stream<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name));
    }

    /** Pairs of events of one thread whose time spans overlap, as text. */
    private static List<String> overlaps(List<RecordedEvent> spans) {
        Map<Long, List<RecordedEvent>> byThread = spans.stream()
                .collect(Collectors.groupingBy(e -> e.getThread("eventThread").getJavaThreadId()));
        return byThread.values().stream().flatMap(list -> {
            List<RecordedEvent> sorted = list.stream().sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                    .collect(Collectors.toList());
            return IntStream.range(1, sorted.size())
                    .filter(i -> sorted.get(i).getStartTime().isBefore(sorted.get(i - 1).getEndTime()))
                    .mapToObj(i -> sorted.get(i - 1) + " / " + sorted.get(i));
        }).collect(Collectors.toList());
    }

    /** The test class path without Tomcat's and Jetty's jars, plus one version's jar of one of them. */
    private static String classPathWith(String jar) {
        Path other = Path.of(System.getProperty("taskflight.library.versions", "target/library-versions"), jar);
        assertThat(other).exists();
        return Stream.concat(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(e -> !e.contains("tomcat-embed") && !e.contains(File.separator + "jetty-")),
                        Stream.of(other.toString()))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
