package dev.taskflight.jmc.recordings;

import dev.taskflight.events.TaskflightSettings;
import dev.taskflight.events.TaskflightSettings.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;

/**
 * The recordings the rules are tested on, made once per test JVM under {@code target/}: real JFR
 * files, with the JDK's own events beside Taskflight's. When the sample-recordings corpus publishes
 * its {@code .jfr} files and expected findings, they join these as further {@link Sample}s.
 */
public final class TestRecordings {

    /** A recording to test on. */
    public enum Sample {
        /** Every Taskflight pathology, each in a pool of its own (trace profile on the JDK's profile). */
        PATHOLOGIES,
        /** A healthy pool (trace profile on the JDK's profile). */
        CLEAN,
        /**
         * Twice as many spinning workers as processors, the CPU saturated, with the JDK's execution
         * sampling off: their long polls are explained by their threads' CPU clocks
         * ({@code PollCpuTime}) and the machine's CPU load alone.
         */
        SATURATED,
        /** A child JVM without Taskflight: no Taskflight event type in the recording at all. */
        NO_TASKFLIGHT
    }

    private static final Map<Sample, Path> MADE = new EnumMap<>(Sample.class);

    private TestRecordings() {
    }

    /**
     * Returns the file of a sample, recording it on first use.
     *
     * @param sample the sample, not {@code null}
     * @return the {@code .jfr} file, not {@code null}
     */
    public static synchronized Path get(Sample sample) {
        return MADE.computeIfAbsent(sample, s -> {
            try {
                Path dir = Files.createDirectories(Paths.get("target", "test-recordings",
                        "jdk" + Runtime.version().feature()));
                Path file = dir.resolve(s.name().toLowerCase(java.util.Locale.ROOT) + ".jfr");
                switch (s) {
                    case PATHOLOGIES -> record(file, true);
                    case CLEAN -> record(file, false);
                    case SATURATED -> recordSaturated(file);
                    default -> recordInChildJvm(file);
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static void record(Path file, boolean pathologies) throws IOException, InterruptedException {
        try (Recording r = new Recording(TaskflightSettings.layered("profile", Profile.TRACE))) {
            r.start();
            if (pathologies) {
                Workload.pathologies();
            } else {
                Workload.healthy();
            }
            r.stop();
            r.dump(file);
        }
    }

    private static void recordSaturated(Path file) throws IOException, InterruptedException {
        try (Recording r = new Recording(TaskflightSettings.layered("profile", Profile.TRACE))) {
            r.disable("jdk.ExecutionSample");
            r.start();
            Workload.saturating();
            r.stop();
            r.dump(file);
        }
    }

    private static void recordInChildJvm(Path file) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        String classes = Paths.get(JdkOnlyWorkload.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        Process p = new ProcessBuilder(List.of(java.toString(),
                "-XX:StartFlightRecording:settings=profile,filename=" + file.toAbsolutePath(),
                "-cp", classes, JdkOnlyWorkload.class.getName()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
            p.destroyForcibly();
            throw new IOException("the child JVM did not record " + file);
        }
    }
}
