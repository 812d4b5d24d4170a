package dev.taskflight.analysis.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.taskflight.analysis.fixtures.Damage;
import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingInspectorTest {

    @TempDir
    Path dir;

    @Test
    void aCompleteRecordingHasAllItsChunksAndNoDamage() throws Exception {
        RecordingLayout layout = RecordingInspector.inspect(Recordings.problems());
        assertThat(layout.complete()).isTrue();
        assertThat(layout.chunks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(layout.major()).isEqualTo(2);
        assertThat(layout.start()).isBefore(layout.end());
    }

    @Test
    void aMissingFileIsNotFound() {
        assertProblem(dir.resolve("nope.jfr"), RecordingProblem.NOT_FOUND, "no such file");
    }

    @Test
    void aDirectoryIsNotARecording() {
        assertProblem(dir, RecordingProblem.DIRECTORY, "is a directory");
    }

    @Test
    void anEmptyFileIsEmpty() throws Exception {
        assertProblem(Files.createFile(dir.resolve("empty.jfr")), RecordingProblem.EMPTY, "is empty");
    }

    @Test
    void aTextFileIsNotARecording() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello, not a recording", StandardCharsets.UTF_8);
        assertProblem(text, RecordingProblem.NOT_A_RECORDING, "is not a JFR recording");
    }

    @Test
    void aFutureFormatVersionIsUnsupported() {
        assertProblem(Damage.futureVersion(Recordings.problems(), dir, 3), RecordingProblem.UNSUPPORTED_VERSION,
                "format 3.0");
    }

    @Test
    void aFileCutInsideItsFirstHeaderIsCorrupt() throws Exception {
        Path file = Files.write(dir.resolve("header.jfr"), new byte[] {'F', 'L', 'R', 0, 0, 2, 0, 1, 0, 0});
        assertProblem(file, RecordingProblem.CORRUPT, "ends inside its first chunk header");
    }

    @Test
    void aFileCutInsideItsLastChunkIsReadableUpToTheDamage() throws Exception {
        int chunks = RecordingInspector.inspect(Recordings.problems()).chunks().size();
        RecordingLayout layout = RecordingInspector.inspect(Damage.cutInLastChunk(Recordings.problems(), dir));
        assertThat(layout.complete()).isFalse();
        assertThat(layout.chunks()).hasSize(chunks - 1);
        assertThat(layout.damage()).contains("truncated", "chunk " + chunks);
    }

    @Test
    void anUnreadableFileIsUnreadable() throws Exception {
        Path file = Files.createFile(dir.resolve("secret.jfr"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // Root reads any file: this case can only be checked as another user.
        assumeThat(Files.isReadable(file)).as("running as root").isFalse();
        assertProblem(file, RecordingProblem.UNREADABLE, "cannot read");
    }

    private static void assertProblem(Path file, RecordingProblem problem, String message) {
        assertThatThrownBy(() -> RecordingInspector.inspect(file)).isInstanceOfSatisfying(RecordingException.class,
                e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
