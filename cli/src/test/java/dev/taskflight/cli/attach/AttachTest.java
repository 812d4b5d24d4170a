package dev.taskflight.cli.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.cli.ExitCodes;
import dev.taskflight.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jfr-analyze attach}: a child JVM started without the agent, its pools created and busy before the
 * attach, gets the agent and a recording in which every pool has a readable name and the tasks run after the
 * attach are counted; its stdout is unchanged. Each way attaching can fail has its one line and exit code.
 */
class AttachTest {

    static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void poolsCreatedBeforeTheAttachAreRecordedWithReadableNamesAndCounted() throws Exception {
        try (Child child = Child.start(dir, AttachWorkload.class)) {
            Run attach = Run.of("attach", Long.toString(child.pid()));
            assertThat(attach.exitCode()).as("stderr: %s", attach.err()).isZero();
            assertThat(attach.out()).startsWith("attached Taskflight agent ").contains("recording 'taskflight' started");
            if (Runtime.version().feature() >= 21) {
                assertThat(attach.err()).as("JDK 21+ warns about dynamic agents: the flag that allows them")
                        .contains("-XX:+EnableDynamicAgentLoading");
            }

            child.send(AttachWorkload.RUN);
            await().atMost(LIMIT).until(() -> child.stdout().contains(AttachWorkload.RAN) || !child.alive());
            // the ticker, created before the attach, is counted once its worker has been sampled since, and a
            // pool's PoolInfo (the agent's version) may come in a later chunk than its first samples: on a busy
            // machine both can come after the new pool's tasks have all been counted
            Map<String, PoolReport> pools = await().atMost(LIMIT)
                    .alias("the pool created after the attach counted, the ticker's polls, every pool's PoolInfo")
                    .until(() -> pools(child),
                    p -> p.containsKey(AttachWorkload.AFTER)
                            && p.get(AttachWorkload.AFTER).totals().polls() >= AttachWorkload.TASKS
                            && p.containsKey(AttachWorkload.TICKER) && p.get(AttachWorkload.TICKER).totals().polls() > 0
                            && p.values().stream().noneMatch(r -> r.taskflightVersion().isEmpty()));

            Set<String> names = new TreeSet<>(pools.keySet());
            assertThat(names).contains(AttachWorkload.NAMED, AttachWorkload.TICKER, "ForkJoinPool.commonPool")
                    .noneMatch(n -> n.matches("(pool-\\d+-thread|ForkJoinPool-\\d+-worker).*"));
            assertThat(names.stream().filter(n -> n.startsWith("AttachWorkload.submitBatch:")))
                    .as("the unnamed pool and fork-join pool, named where they are submitted to: %s", names).hasSize(2);
            // A pool created after the attach is counted exactly. Workers that were running at the attach are
            // counted only where the JVM runs the instrumented code (docs/attach.md): never more than ran.
            assertThat(pools.get(AttachWorkload.AFTER).totals().polls()).isEqualTo(AttachWorkload.TASKS);
            for (String name : names) {
                if (!name.equals(AttachWorkload.AFTER) && !name.equals(AttachWorkload.TICKER)) {
                    assertThat(pools.get(name).totals().polls()).as(name).isLessThanOrEqualTo(AttachWorkload.TASKS);
                }
            }
            assertThat(pools.get(AttachWorkload.TICKER).totals().polls()).isPositive();
            String version = attach.out().split(" ")[3];
            assertThat(pools.values()).allSatisfy(p -> assertThat(p.taskflightVersion()).isEqualTo(version));
            assertThat(child.stderr()).as("the agent's start-up line")
                    .contains("Taskflight agent " + version + " installed (");

            Run again = Run.of("attach", Long.toString(child.pid()));
            assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_LOADED);
            assertThat(again.err().strip()).startsWith("jfr-analyze: the Taskflight agent ").doesNotContain("\n");

            child.closeStdin();
            assertThat(child.waitFor()).isZero();
            assertThat(child.stdout()).as("the application's output").isEqualTo(
                    AttachWorkload.READY + "\n" + AttachWorkload.RAN + "\n");
        }
    }

    @Test
    void noSuchProcessIsOneLineAndExitCode8() {
        Run run = Run.of("attach", "2147483646");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_TARGET);
        assertThat(run.err()).isEqualTo("jfr-analyze: no process with pid 2147483646\n");
    }

    @Test
    void aProcessThatIsNotAJvmIsLeftAloneWithExitCode8() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try {
            Run run = Run.of("attach", Long.toString(sleep.pid()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_TARGET);
            assertThat(run.err()).startsWith("jfr-analyze: process " + sleep.pid()).endsWith(" is not a Java VM\n");
            assertThat(sleep.isAlive()).as("not sent SIGQUIT").isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aJvmThatDoesNotAllowAttachingNamesTheFlag() throws Exception {
        try (Child child = Child.start(dir, AttachWorkload.class, "-XX:+DisableAttachMechanism")) {
            Run run = Run.of("attach", Long.toString(child.pid()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_TARGET);
            assertThat(run.err()).contains("-XX:+DisableAttachMechanism").hasLineCount(1);
        }
    }

    @Test
    void aJvmThatRefusesDynamicAgentsNamesTheFlagThatAllowsThem() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "-XX:-EnableDynamicAgentLoading exists from JDK 21");
        try (Child child = Child.start(dir, AttachWorkload.class, "-XX:-EnableDynamicAgentLoading")) {
            Run run = Run.of("attach", Long.toString(child.pid()));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.AGENT_REFUSED);
            assertThat(run.err()).contains("-XX:+EnableDynamicAgentLoading").hasLineCount(1);
        }
    }

    @Test
    void optionsTheAgentRejectsAreReportedWithExitCode2() throws Exception {
        try (Child child = Child.start(dir, AttachWorkload.class)) {
            Run run = Run.of("attach", Long.toString(child.pid()), "stream=loud", "--no-recording");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("ignored its options").contains("stream must be none or log")
                    .hasLineCount(1);
        }
    }

    @Test
    void jcmdPassesTheAgentOptionsIntactOnlyInsideDoubleQuotes() throws Exception {
        Path agent = Path.of("..", "agent", "target", "taskflight-agent.jar").toAbsolutePath().normalize();
        String options = "record=production,mode=production";
        try (Child child = Child.start(dir, AttachWorkload.class)) {
            assertThat(jcmd(child.pid(), "JVMTI.agent_load", agent.toString(), options)).isZero();
            await().atMost(LIMIT).until(() -> child.stderr().contains("ignoring malformed options 'record'"));
        }
        try (Child child = Child.start(dir, AttachWorkload.class)) {
            // what the shell passes for '"record=production,mode=production"'
            assertThat(jcmd(child.pid(), "JVMTI.agent_load", agent.toString(), '"' + options + '"')).isZero();
            Run run = Run.of("attach", Long.toString(child.pid()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ALREADY_LOADED);
            assertThat(run.err()).contains("recording 'taskflight' runs");
            assertThat(child.stderr()).doesNotContain("malformed");
        }
    }

    private int jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile(dir, "jcmd", ".out").toFile()).start();
        return p.waitFor();
    }

    private Map<String, PoolReport> pools(Child child) throws Exception {
        Path file = dir.resolve("dump-" + System.nanoTime() + ".jfr");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(child.pid()), "JFR.dump", "name=taskflight", "filename=" + file)
                .redirectErrorStream(true).redirectOutput(dir.resolve("jcmd.out").toFile()).start();
        if (jcmd.waitFor() != 0 || !Files.isRegularFile(file)) {
            return Map.of();
        }
        return new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run().pools().stream()
                .collect(Collectors.toMap(PoolReport::name, Function.identity(), (a, b) -> a));
    }
}
