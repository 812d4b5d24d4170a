package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped settings files work as users pass them: on the command line of a real JVM, layered
 * after a JDK profile with a repeated {@code settings=} parameter.
 */
class StartFlightRecordingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "taskflight.jfc, long",
        "taskflight-trace.jfc, short long",
    })
    void aChildJvmRecordsWhatTheLayeredProfileAsksFor(String file, String expectedPools) throws Exception {
        Path jfr = dir.resolve("child.jfr");
        Path settings = SettingsFilesTest.repositoryRoot().resolve("settings").resolve(file);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java,
                "-XX:StartFlightRecording:settings=default,settings=" + settings + ",filename=" + jfr,
                "-cp", System.getProperty("java.class.path"),
                EmitTwoPolls.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).isZero();

        List<String> pools = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .map(e -> e.getString("pool"))
                .collect(Collectors.toList());
        assertThat(String.join(" ", pools)).isEqualTo(expectedPools);
    }

    /** The child: one instant poll and one of 12 ms. */
    public static final class EmitTwoPolls {
        public static void main(String[] args) {
            EventRecordingTest.emitPoll("short", java.time.Duration.ZERO);
            EventRecordingTest.emitPoll("long", java.time.Duration.ofMillis(12));
        }
    }

}
