package dev.taskflight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.taskflight.analysis.fixtures.Damage;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one line on stderr, a documented exit code, and no stack trace. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotARecording() throws Exception {
        Path text = Files.writeString(dir.resolve("app.log"), "INFO started\nINFO stopped\n");
        assertOneLine(Run.of(text.toString()), ExitCodes.NOT_A_RECORDING, "is not a JFR recording");
    }

    @Test
    void anEmptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertOneLine(Run.of(empty.toString()), ExitCodes.NOT_A_RECORDING, "is empty (0 bytes)");
    }

    @Test
    void aDirectory() {
        assertOneLine(Run.of(dir.toString()), ExitCodes.CANNOT_READ, "is a directory, not a JFR recording");
    }

    @Test
    void aMissingFile() {
        assertOneLine(Run.of(dir.resolve("missing.jfr").toString()), ExitCodes.CANNOT_READ, "no such file");
    }

    @Test
    void anUnreadableFile() throws Exception {
        Path file = Files.copy(Recordings.clean(), dir.resolve("secret.jfr"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // Root reads any file whatever its permissions: this case can only be checked as another user.
        assumeThat(Files.isReadable(file)).as("running as root").isFalse();
        assertOneLine(Run.of(file.toString()), ExitCodes.CANNOT_READ, "cannot read", "permission denied");
    }

    @Test
    void aPipeCannotBeRead() throws Exception {
        Path fifo = dir.resolve("recording.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
        assertOneLine(Run.of(fifo.toString()), ExitCodes.CANNOT_READ, "cannot read", "not a regular file");
    }

    @Test
    void aRecordingOfAFutureFormatVersion() {
        Path future = Damage.futureVersion(Recordings.clean(), dir, 3);
        assertOneLine(Run.of(future.toString()), ExitCodes.UNSUPPORTED_VERSION, "format 3.0",
                "which this tool cannot read");
    }

    @Test
    void aRecordingCutBeforeAnythingCanBeRead() {
        Path cut = Damage.cutInFirstChunk(Recordings.clean(), dir);
        assertOneLine(Run.of(cut.toString()), ExitCodes.CORRUPT, "damaged JFR recording with nothing readable");
    }

    @Test
    void aTruncatedRecordingIsAnalyzedUpToTheDamageWithAWarning() {
        Path cut = Damage.cutInLastChunk(Recordings.problems(), dir);
        Run run = Run.of("long-polls", cut.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("jfr-analyze: warning: " + cut + " is damaged: it is truncated")
                .contains("Analyzed up to the damage");
        assertThat(run.out()).contains("truncated: read up to the damage", "compute worker 0 (compute-worker-0)");
        if (Evidence.spinSampled(Recordings.problems())) { // the sampler may be starved on a busy machine
            assertThat(run.out()).contains("spinInTheHotLoop");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--format=yaml", "--fail-on=fatal", "--long-poll=soon", "--top=x",
            "--blocked-event-loop=soon", "--blocked-event-loop-severity=fatal"})
    void aWrongOption(String option) {
        Run run = Run.of(option, "app.jfr");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("jfr-analyze: ")
                .endsWith("(see 'jfr-analyze --help')");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void inconsistentThresholdsAreAUsageError() {
        Run run = Run.of("--long-poll=100ms", "--long-poll-critical=50ms", Recordings.clean().toString());
        assertOneLine(run, ExitCodes.USAGE, "critical threshold is shorter than the warning one");
    }

    @Test
    void noFileIsAUsageError() {
        assertOneLine(Run.of("long-polls"), ExitCodes.USAGE, "Missing required parameter: 'FILE'");
    }

    private static void assertOneLine(Run run, int code, String... message) {
        assertThat(run.exitCode()).isEqualTo(code);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("jfr-analyze: ").contains(message).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }
}
