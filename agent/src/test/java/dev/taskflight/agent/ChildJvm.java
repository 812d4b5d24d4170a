package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test-source program in a child JVM of the same JDK as the test, optionally under the agent. */
final class ChildJvm {

    /** What a child JVM did. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ChildJvm() {
    }

    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("taskflight.agent.jar", "target/taskflight-agent.jar"));
        assertThat(jar).as("the agent jar, built in the package phase").exists();
        return jar.toAbsolutePath();
    }

    static Path settings(String file) {
        return Paths.get(System.getProperty("taskflight.settings.dir", "../settings"), file).toAbsolutePath();
    }

    /**
     * Starts a program in a child JVM whose class path holds only the test classes (no Taskflight
     * module, no HdrHistogram): what the agent needs, it brings. Its stdin is a pipe, left open.
     */
    static Process start(List<String> jvmOptions, Class<?> main, List<String> args, Path stdout, Path stderr)
            throws IOException, URISyntaxException {
        return start(jvmOptions, Paths.get(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                main, args, stdout, stderr);
    }

    /** As {@link #start(List, Class, List, Path, Path)} with another class path, such as the test's own. */
    static Process start(List<String> jvmOptions, String classPath, Class<?> main, List<String> args, Path stdout,
            Path stderr) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Closes a child's stdin (a {@code StreamWorkload} then exits), waits for it to exit, and returns its exit code. */
    static int closeStdinAndAwaitExit(Process child) throws IOException {
        child.getOutputStream().close();
        await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive());
        return child.exitValue();
    }

    /**
     * Runs a program under the agent with a recording layered as the README says, class loads recorded too
     * ({@link AgentRecordings#CLASS_LOADS}), and checks that it exited cleanly without a word from the agent.
     *
     * @param jfr where the recording goes
     * @param jdkSettings the JDK's profile: {@code default} or {@code profile}
     * @param jfc Taskflight's settings file: {@code taskflight.jfc} or {@code taskflight-trace.jfc}
     */
    static Result recordUnderAgent(Path jfr, String jdkSettings, String jfc, Class<?> main)
            throws IOException, InterruptedException {
        Result child = run(List.of("-javaagent:" + agentJar(),
                "-XX:StartFlightRecording:settings=" + jdkSettings + ",settings=" + settings(jfc) + ","
                        + AgentRecordings.CLASS_LOADS + ",filename=" + jfr),
                main);
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("Taskflight", "Exception");
        return child;
    }

    static Result run(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        return run(jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /** As {@link #run(List, Class, String...)} with another class path, such as another version of a library. */
    static Result run(List<String> jvmOptions, String classPath, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"); // 2 cores: else no async pool
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child JVM timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
