package dev.taskflight.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A child JVM running {@link LiveWorkload} (or another workload), with the JDK that runs the tests; killed on close. */
final class ChildJvm implements AutoCloseable {

    /**
     * How long a test waits at most for a child JVM or a stream: generous, so that a machine whose cores
     * are all busy (bin/with-cpu-hog) is slow, not failing; never reached when things work.
     */
    static final Duration LIMIT = Duration.ofMinutes(3);

    static final Path AGENT = Path.of("..", "agent", "target", "taskflight-agent.jar").toAbsolutePath().normalize();
    static final Path SETTINGS = Path.of("..", "settings", "taskflight.jfc").toAbsolutePath().normalize();

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The option that starts a recording with the production profile. */
    static final String RECORD = "-XX:StartFlightRecording:settings=default,settings=" + SETTINGS;

    /**
     * Starts the workload under the agent.
     *
     * @param dir a directory for its output
     * @param jvmOptions more options of the child JVM, such as {@link #RECORD}
     */
    static ChildJvm start(Path dir, String... jvmOptions) throws IOException {
        return start(dir, LiveWorkload.class, jvmOptions);
    }

    /**
     * Starts a workload under the agent.
     *
     * @param dir a directory for its output
     * @param main the workload's main class, of these test classes; it prints {@link LiveWorkload#READY}
     * @param jvmOptions more options of the child JVM, such as {@link #RECORD}
     */
    static ChildJvm start(Path dir, Class<?> main, String... jvmOptions) throws IOException {
        assertThat(AGENT).as("the agent jar; build it with: mvn -B -q -ntp -o -pl agent -am install"
                + " -DskipTests").isRegularFile();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-javaagent:" + AGENT);
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        cmd.add(main.getName());
        Files.createDirectories(dir);
        Path output = dir.resolve("child.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ChildJvm child = new ChildJvm(p, output);
        await().atMost(LIMIT).until(() -> child.output().contains(LiveWorkload.READY)
                || !p.isAlive());
        assertThat(p.isAlive()).as("child JVM running; its output: %s", child.output()).isTrue();
        return child;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /**
     * Dumps the child's recordings into a file beside its output, with the JDK's {@code jcmd}.
     *
     * @return the file
     */
    Path dump() throws Exception {
        Path file = output.resolveSibling("child-" + System.nanoTime() + ".jfr");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), "JFR.dump", "filename=" + file).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(jcmd.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("jcmd JFR.dump ended").isTrue();
        assertThat(file).as("jcmd JFR.dump's file").isRegularFile();
        return file;
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
