package dev.taskflight.cli.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM started without the agent, with the JDK that runs the tests; its stdout and stderr kept apart; killed on close. */
final class Child implements AutoCloseable {

    static final Duration LIMIT = Duration.ofMinutes(3);

    private final Process process;
    private final Path out;
    private final Path err;

    private Child(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts a workload of these test classes and waits for its first line on stdout.
     *
     * @param dir a directory for its output
     * @param main the workload's main class
     * @param jvmOptions more options of the child JVM
     */
    static Child start(Path dir, Class<?> main, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        cmd.add(main.getName());
        Files.createDirectories(dir);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Child child = new Child(p, out, err);
        await().atMost(LIMIT).until(() -> !child.stdout().isEmpty() || !p.isAlive());
        assertThat(p.isAlive()).as("child JVM running; its stderr: %s", child.stderr()).isTrue();
        return child;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    int waitFor() throws InterruptedException {
        assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("child exited").isTrue();
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
