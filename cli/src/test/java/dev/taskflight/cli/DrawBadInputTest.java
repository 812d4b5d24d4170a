package dev.taskflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.Damage;
import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code timeline} and {@code report}: every bad input gets one line and its exit code, and no file is written. */
class DrawBadInputTest {

    @TempDir
    Path dir;

    private Path out(String command) {
        return dir.resolve(command.equals("report") ? "out.html" : "out.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void aFileThatIsNotARecordingWritesNothing(String command) throws Exception {
        Path text = Files.writeString(dir.resolve("app.log"), "INFO started\n");
        assertOneLine(Run.of(command, text.toString(), "-o", out(command).toString()), ExitCodes.NOT_A_RECORDING,
                "is not a JFR recording");
        assertOnlyInputs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void aMissingFile(String command) {
        assertOneLine(Run.of(command, dir.resolve("missing.jfr").toString(), "-o", out(command).toString()),
                ExitCodes.CANNOT_READ, "no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void noOutputIsAUsageError(String command) {
        assertOneLine(Run.of(command, Recordings.clean().toString()), ExitCodes.USAGE, "Missing required option",
                "--output");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void anOutputInAMissingDirectoryCannotBeWritten(String command) {
        Path out = dir.resolve("no/such/dir/out");
        assertOneLine(Run.of(command, Recordings.clean().toString(), "-o", out.toString()), ExitCodes.CANNOT_WRITE,
                "cannot write", "no such directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void anOutputThatIsADirectoryCannotBeWritten(String command) {
        assertOneLine(Run.of(command, Recordings.clean().toString(), "-o", dir.toString()), ExitCodes.CANNOT_WRITE,
                "is a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void aWindowThatEndsBeforeItStarts(String command) {
        assertOneLine(Run.of(command, Recordings.clean().toString(), "-o", out(command).toString(), "--from", "2s",
                "--to", "1s"), ExitCodes.USAGE, "--to must be after --from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void anUnknownPoolNamesThePools(String command) {
        assertOneLine(Run.of(command, Recordings.problems().toString(), "-o", out(command).toString(), "--pool",
                "nope"), ExitCodes.USAGE, "no pool named 'nope'", "compute", "ingest");
        assertThat(out(command)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 potato", "-5MB", "MB"})
    void aBadMaxSize(String size) {
        assertOneLine(Run.of("timeline", Recordings.clean().toString(), "-o", out("timeline").toString(),
                "--max-size", size), ExitCodes.USAGE, "--max-size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void aTruncatedRecordingIsDrawnUpToTheDamageWithAWarning(String command) throws Exception {
        Path cut = Damage.cutInLastChunk(Recordings.problems(), dir);
        Run run = Run.of(command, cut.toString(), "-o", out(command).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).startsWith("jfr-analyze: warning: " + cut + " is damaged");
        assertThat(Files.readString(out(command))).contains("SpinTask");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeline", "report"})
    void helpListsTheExitCodes(String command) {
        Run run = Run.of(command, "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("--output", "--from", "--to", "--pool", "Exit codes:",
                ExitCodes.CANNOT_WRITE + "   timeline/report");
    }

    private void assertOnlyInputs(Path... inputs) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(inputs);
        }
    }

    private static void assertOneLine(Run run, int code, String... message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("jfr-analyze: ").contains(message).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }
}
