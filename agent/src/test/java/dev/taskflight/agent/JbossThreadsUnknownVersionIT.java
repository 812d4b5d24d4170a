package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.child.server.UnknownExecutorVersion;
import dev.taskflight.events.EventNames;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code EnhancedQueueExecutor} whose internals differ from every jboss-threads the agent knows
 * (its task wrapper has no {@code delegate} field): the agent says so once, naming the class, and
 * leaves it untouched; the tasks run as without the agent.
 */
class JbossThreadsUnknownVersionIT {

    /** A made-up jboss-threads: same class names, other fields. */
    private static final String UNKNOWN_VERSION = """
            package org.jboss.threads;

            import java.util.List;
            import java.util.concurrent.AbstractExecutorService;
            import java.util.concurrent.TimeUnit;

            public final class EnhancedQueueExecutor extends AbstractExecutorService {
                private volatile boolean shutdown;

                public EnhancedQueueExecutor() {
                }

                final class Task implements Runnable {
                    private final Runnable runnable;

                    Task(Runnable runnable) {
                        this.runnable = runnable;
                    }

                    public void run() {
                        runnable.run();
                    }
                }

                public void execute(Runnable command) {
                    new Thread(new Task(command), "unknown-eqe-worker").start();
                }

                public void shutdown() {
                    shutdown = true;
                }

                public List<Runnable> shutdownNow() {
                    shutdown = true;
                    return List.of();
                }

                public boolean isShutdown() {
                    return shutdown;
                }

                public boolean isTerminated() {
                    return shutdown;
                }

                public boolean awaitTermination(long timeout, TimeUnit unit) {
                    return true;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void anUnknownVersionGetsOneWarningAndIsLeftUntouched() throws Exception {
        Path source = dir.resolve("src/org/jboss/threads/EnhancedQueueExecutor.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, UNKNOWN_VERSION);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();

        Path jfr = dir.resolve("unknown.jfr");
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        String testClasses = Paths.get(UnknownExecutorVersion.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-javaagent:" + ChildJvm.agentJar(),
                "-XX:StartFlightRecording:settings=default,settings=" + ChildJvm.settings("taskflight.jfc")
                        + ",filename=" + jfr,
                "-cp", testClasses + File.pathSeparator + classes, UnknownExecutorVersion.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("sum 4950");
        List<String> warnings = stderr.lines().filter(l -> l.contains("Taskflight agent:")).collect(Collectors.toList());
        assertThat(warnings).as(stderr).hasSize(1);
        assertThat(warnings.get(0)).contains("jboss-threads", "org.jboss.threads.EnhancedQueueExecutor$Task", "delegate");
        assertThat(AgentRecordings.read(jfr)).noneSatisfy(e -> {
            assertThat(e.getEventType().getName()).isIn(EventNames.POOL_INFO, EventNames.TASK_POLL);
            assertThat(e.getString("pool")).startsWith("unknown-eqe-worker");
        });
    }
}
