package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.ReactorWorkload;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolKinds;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Project Reactor under the agent: each scheduler is one pool named like it, with one worker per
 * thread, and its slow work lies inside its polls with the right cause, under both profiles.
 */
class ReactorIT {

    private static final Pattern PARALLELISM = Pattern.compile("^parallelism (\\d+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} profile")
    @CsvSource({"production, default, taskflight.jfc", "trace, profile, taskflight-trace.jfc"})
    void eachSchedulerIsOnePoolAndItsSlowWorkLiesInsideItsPolls(String profile, String jdk, String jfc)
            throws Exception {
        Path jfr = dir.resolve(profile + ".jfr");
        ChildJvm.Result child = ChildJvm.recordUnderAgent(jfr, jdk, jfc, ReactorWorkload.class);
        Matcher m = PARALLELISM.matcher(child.stdout());
        assertThat(m.find()).as(child.stdout()).isTrue();
        int parallelism = Integer.parseInt(m.group(1));
        List<RecordedEvent> events = AgentRecordings.read(jfr);

        List<RecordedEvent> infos = named(events, EventNames.POOL_INFO);
        assertThat(infos).filteredOn(e -> e.getString("pool").equals("parallel")).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.getString("kind")).isEqualTo(PoolKinds.REACTOR_SCHEDULER);
                    assertThat(e.getInt("parallelism")).isEqualTo(parallelism);
                });
        assertThat(infos).extracting(e -> e.getString("pool"))
                .contains("boundedElastic", "single").noneMatch(p -> p.matches("(parallel|boundedElastic|single)-\\d+"));
        Set<Integer> parallelWorkers = named(events, EventNames.WORKER_SAMPLE).stream()
                .filter(e -> e.getString("pool").equals("parallel")).map(e -> e.getInt("worker"))
                .collect(Collectors.toSet());
        assertThat(parallelWorkers).as("worker indices of parallel")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, parallelism).boxed().toList());

        SlowWork work = new SlowWork(events);
        SlowWork.Coverage cpu = work.cpuSamples("spinOnCpu", "parallel"::equals);
        assertThat(cpu.total()).as("CPU samples in the spins").isGreaterThanOrEqualTo(5);
        assertThat(cpu.share()).as("share of %s inside parallel polls", cpu).isGreaterThanOrEqualTo(0.9);
        SlowWork.Coverage sleeps = work.sleeps("sleepOnIo", "boundedElastic"::equals);
        assertThat(sleeps.total()).as("sleeps").isEqualTo(ReactorWorkload.SLEEPS);
        assertThat(sleeps.share()).as("share of %s inside boundedElastic polls", sleeps).isGreaterThanOrEqualTo(0.9);

        assertThat(work.explainedAs(jfr, "spinOnCpu", "parallel", CauseKind.CPU).share()).as("explained as cpu")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(work.explainedAs(jfr, "sleepOnIo", "boundedElastic", CauseKind.SLEEP).share()).as("explained as sleep")
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theProgramPrintsTheSameWithAndWithoutTheAgent() throws Exception {
        String recording = "-XX:StartFlightRecording:settings=" + ChildJvm.settings("taskflight-trace.jfc") + ",filename=";
        ChildJvm.Result plain = ChildJvm.run(List.of(recording + dir.resolve("plain.jfr")), ReactorWorkload.class);
        ChildJvm.Result agent = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar(), recording + dir.resolve("agent.jfr")),
                ReactorWorkload.class);
        assertThat(plain.exitCode()).isZero();
        assertThat(agent.exitCode()).as(agent.stderr()).isZero();
        assertThat(CoroutinesIT.withoutJfrLines(agent.stdout())).isEqualTo(CoroutinesIT.withoutJfrLines(plain.stdout()))
                .contains("single", "done");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
