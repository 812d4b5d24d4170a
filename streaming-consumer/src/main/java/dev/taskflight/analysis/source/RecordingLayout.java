package dev.taskflight.analysis.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
     * How much earlier than the start of the chunk that holds it an event may end, beyond what the
     * clocks' drift explains ({@link #slices(long[])}). JFR writes some events into the chunk after
     * the one their time falls in, such as those a thread commits while it rotates the file; the
     * largest seen were 16 to 21 ms early (JDK 17's {@code jdk.ActiveRecording}). One second leaves a
     * wide margin, at the cost of parsing about a second of events twice per cut.
     */
    static final long LATE_WRITE_NANOS = 1_000_000_000L;

    /**
     * One chunk.
     *
     * @param offset where it starts in the file
     * @param size its size in bytes
     * @param startNanos its start, in nanoseconds since the epoch, by the wall clock
     * @param durationNanos its duration
     * @param startTicks its start, in ticks of the clock that times events
     * @param ticksPerSecond that clock's frequency
     */
    public record Chunk(long offset, long size, long startNanos, long durationNanos, long startTicks,
            long ticksPerSecond) {
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
     * on a complete file of 32 MB or more; no cut (one slice) otherwise. {@link #slices(long[])} says
     * how to read each slice.
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

    /**
     * Returns the slices that cuts make of this recording, in time order: slice {@code i} holds the
     * events that end after cut {@code i - 1} and at or before cut {@code i}, and reads on to the last
     * chunk that can hold some of them ({@link TimeSlice}).
     *
     * @param cuts the cuts in nanoseconds since the epoch, ascending, as {@link #sliceBoundaries()}
     *        returns them, not {@code null}
     * @return one more slice than cuts, not {@code null}
     * @throws IllegalArgumentException if the cuts are not ascending
     */
    public List<TimeSlice> slices(long[] cuts) {
        return slices(cuts, LATE_WRITE_NANOS);
    }

    /** As {@link #slices(long[])}, for events written at most {@code lateNanos} after their chunk began. */
    List<TimeSlice> slices(long[] cuts, long lateNanos) {
        List<TimeSlice> slices = new ArrayList<>(cuts.length + 1);
        long after = Long.MIN_VALUE;
        for (long cut : cuts) {
            long readUntil = cut;
            for (Chunk c : chunks) {
                if (startAsRead(c) <= cut + lateNanos) {
                    readUntil = Math.max(readUntil, c.startNanos());
                }
            }
            slices.add(new TimeSlice(after, cut, readUntil));
            after = cut;
        }
        slices.add(new TimeSlice(after, Long.MAX_VALUE, Long.MAX_VALUE));
        return slices;
    }

    /**
     * Returns the time the JDK's reader gives an event at a chunk's start. It times the events of
     * every chunk by the first chunk's start, in ticks and in nanoseconds
     * ({@code jdk.jfr.internal.consumer.TimeConverter}), while each chunk's header states its start by
     * the wall clock, and a stream with an end time stops at the first chunk whose header starts after
     * it. Over a long recording the two clocks drift apart.
     *
     * @param c one of this recording's chunks, not {@code null}
     * @return its start in nanoseconds since the epoch, as events are timed
     */
    public long startAsRead(Chunk c) {
        Chunk first = chunks.get(0);
        if (first.ticksPerSecond() <= 0) {
            return c.startNanos(); // a header no reader can time events by
        }
        long perNano = first.ticksPerSecond() / 1_000_000_000L;
        double divisor = perNano > 0 ? perNano : first.ticksPerSecond() / 1e9;
        return first.startNanos() + (long) ((c.startTicks() - first.startTicks()) / divisor);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
