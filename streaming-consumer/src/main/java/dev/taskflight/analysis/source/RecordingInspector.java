package dev.taskflight.analysis.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a file before it is parsed, from its chunk headers alone: that it exists and can be read,
 * that it is a JFR recording of a known format, and which of its chunks are complete. This is what
 * lets a damaged file (a JVM killed while writing, a cut copy) be read up to the damage, and every
 * bad input get one plain sentence instead of a parser's stack trace.
 */
public final class RecordingInspector {

    /** The bytes every JFR chunk starts with. */
    static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** The size of a chunk header. */
    static final int HEADER_SIZE = 68;
    private static final int FILE_STATE_OFFSET = 64;

    private RecordingInspector() {
    }

    /**
     * Inspects a file.
     *
     * @param file the file, not {@code null}
     * @return its chunks and damage, not {@code null}
     * @throws RecordingException if the file is missing, a directory, unreadable, empty, not a JFR
     *         recording, or of an unknown format version
     */
    public static RecordingLayout inspect(Path file) throws RecordingException {
        if (Files.isDirectory(file)) {
            throw new RecordingException(RecordingProblem.DIRECTORY, file + " is a directory, not a JFR recording", null);
        }
        if (!Files.exists(file)) {
            throw new RecordingException(RecordingProblem.NOT_FOUND, file + ": no such file", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new RecordingException(RecordingProblem.UNREADABLE, "cannot read " + file
                    + ": not a regular file (a pipe or a device); a recording is read twice, so it must be a file", null);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return inspect(file, ch);
        } catch (RecordingException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new RecordingException(RecordingProblem.UNREADABLE, "cannot read " + file + ": permission denied", e);
        } catch (NoSuchFileException e) {
            throw new RecordingException(RecordingProblem.NOT_FOUND, file + ": no such file", e);
        } catch (IOException e) {
            throw new RecordingException(RecordingProblem.UNREADABLE, "cannot read " + file + ": " + reason(e), e);
        }
    }

    private static RecordingLayout inspect(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        int read = readFully(ch, header, 0);
        if (size == 0 && read <= 0) {
            throw new RecordingException(RecordingProblem.EMPTY, file + " is empty (0 bytes), not a JFR recording", null);
        }
        size = Math.max(size, read);
        if (read < MAGIC.length || !hasMagic(header)) {
            throw new RecordingException(RecordingProblem.NOT_A_RECORDING,
                    file + " is not a JFR recording (it does not start with the JFR magic bytes 'FLR\\0')", null);
        }
        if (read < 8) {
            throw new RecordingException(RecordingProblem.CORRUPT,
                    file + " is a truncated JFR recording: it ends inside its first chunk header", null);
        }
        int major = header.getShort(4) & 0xffff;
        int minor = header.getShort(6) & 0xffff;
        if (major != 1 && major != 2) {
            throw new RecordingException(RecordingProblem.UNSUPPORTED_VERSION, file + " is a JFR recording of format "
                    + major + "." + minor + ", which this tool cannot read (it reads 1.x and 2.x): use a newer jfr-analyze",
                    null);
        }
        if (read < HEADER_SIZE) {
            throw new RecordingException(RecordingProblem.CORRUPT,
                    file + " is a truncated JFR recording: it ends inside its first chunk header", null);
        }
        List<RecordingLayout.Chunk> chunks = new ArrayList<>();
        String damage = null;
        long pos = 0;
        while (pos < size) {
            int index = chunks.size() + 1;
            header.clear();
            int n = readFully(ch, header, pos);
            if (n < HEADER_SIZE) {
                damage = "it ends inside the header of chunk " + index + " (byte " + pos + ")";
                break;
            }
            if (!hasMagic(header) || (header.getShort(4) & 0xffff) != major) {
                damage = "unexpected data at byte " + pos + ", after chunk " + (index - 1);
                break;
            }
            long chunkSize = header.getLong(8);
            long cpOffset = header.getLong(16);
            long mdOffset = header.getLong(24);
            long start = header.getLong(32);
            long duration = header.getLong(40);
            long startTicks = header.getLong(48);
            long ticksPerSecond = header.getLong(56);
            int state = header.get(FILE_STATE_OFFSET) & 0xff;
            if (state != 0) {
                damage = "chunk " + index + " (byte " + pos + ") was never finished: the JVM was killed, or is still"
                        + " writing";
                break;
            }
            if (chunkSize < HEADER_SIZE || cpOffset <= 0 || mdOffset <= 0 || cpOffset >= chunkSize
                    || mdOffset >= chunkSize) {
                damage = "the header of chunk " + index + " (byte " + pos + ") is damaged";
                break;
            }
            if (pos + chunkSize > size) {
                damage = "it is truncated: chunk " + index + " (byte " + pos + ") needs " + chunkSize
                        + " bytes but the file ends after " + (size - pos);
                break;
            }
            chunks.add(new RecordingLayout.Chunk(pos, chunkSize, start, Math.max(0, duration), startTicks,
                    ticksPerSecond));
            pos += chunkSize;
        }
        return new RecordingLayout(file, size, major, minor, chunks, damage);
    }

    private static boolean hasMagic(ByteBuffer header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.limit() <= i || header.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads into {@code buffer} from {@code position} until it is full or the file ends; returns the bytes read. */
    private static int readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        buffer.flip();
        return total;
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
