package dev.taskflight.analysis.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The chunks of a JFR file, as its chunk headers state them, and where it is damaged, if it is.
 *
 * @param file the file, not {@code null}
 * @param sizeBytes the file's size
 * @param major the format's major version
 * @param minor the format's minor version
 * @param chunks the complete chunks, in file order, not {@code null}
 * @param damage a sentence saying where and how the file is damaged (truncated, unfinished), or
 *        {@code null} if every chunk is complete
 */
public record RecordingLayout(Path file, long sizeBytes, int major, int minor, List<Chunk> chunks, String damage) {

    /**
     * One chunk.
     *
     * @param offset where it starts in the file
     * @param size its size in bytes
     * @param startNanos its start, in nanoseconds since the epoch
     * @param durationNanos its duration
     */
    public record Chunk(long offset, long size, long startNanos, long durationNanos) {
    }

    /** Copies the list. */
    public RecordingLayout {
        chunks = List.copyOf(chunks);
    }

    /**
     * Returns whether every chunk is complete.
     *
     * @return {@code true} if the file is not damaged
     */
    public boolean complete() {
        return damage == null;
    }

    /**
     * Returns the start of the first complete chunk.
     *
     * @return the start, or {@code null} without complete chunks
     */
    public Instant start() {
        return chunks.isEmpty() ? null : instant(chunks.get(0).startNanos());
    }

    /**
     * Returns the end of the last complete chunk.
     *
     * @return the end, or {@code null} without complete chunks
     */
    public Instant end() {
        if (chunks.isEmpty()) {
            return null;
        }
        Chunk last = chunks.get(chunks.size() - 1);
        return instant(last.startNanos() + last.durationNanos());
    }

    /**
     * Returns the times that cut this recording into slices for several threads to read at once, as
     * the analysis's first pass does: one slice per core, at most four, of about equal size in bytes,
     * on a complete file of 32 MB or more; no cut (one slice) otherwise. A reader of slice {@code i}
     * takes the events that end after cut {@code i - 1} and at or before cut {@code i}.
     *
     * @return the cuts in nanoseconds since the epoch, ascending; empty for one slice
     */
    public long[] sliceBoundaries() {
        return sliceBoundaries(Math.min(FileAnalysis.MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                FileAnalysis.SLICED_MIN_BYTES);
    }

    /**
     * As {@link #sliceBoundaries()}, for at most {@code threads} slices on a complete file of at least
     * {@code minBytes}.
     *
     * @param threads the most slices
     * @param minBytes the smallest file cut into slices
     * @return the cuts in nanoseconds since the epoch, ascending; empty for one slice
     */
    public long[] sliceBoundaries(int threads, long minBytes) {
        return threads > 1 && complete() && sizeBytes >= minBytes ? SlicedPass.boundaries(this, threads) : new long[0];
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
