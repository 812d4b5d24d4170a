package dev.taskflight.analysis.source;

import dev.taskflight.analysis.internal.Fields;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One of the time slices a complete recording is read in, each on its own thread
 * ({@link RecordingLayout#slices(long[])}): the events that end after {@code after} and at or before
 * {@code until}. Every event of the file is in exactly one slice.
 *
 * <p>A stream whose end time is set stops at the first chunk whose header starts after that time, but
 * that header's time does not bound the times of the chunk's events:
 * <ul>
 *   <li>the JDK's reader times the events of every chunk by the first chunk's clock, while each header
 *       states its chunk's start by the wall clock; over a long recording the two drift apart, so a
 *       chunk's first events can end before its header starts;</li>
 *   <li>JFR writes some events into the chunk after the one their time falls in: those a thread
 *       commits while the recorder rotates the file.</li>
 * </ul>
 * A stream that ended at the cut would miss those events, and the next slice, which starts after the
 * cut, drops them too. So a slice's stream reads on to the header start of the last chunk that can
 * hold events of the slice ({@code readUntil}, {@link RecordingLayout#slices(long[])}), and
 * {@link #holds(RecordedEvent)} keeps only the events that end by the cut.
 *
 * @param after the events end after this time, in nanoseconds since the epoch; {@link Long#MIN_VALUE}
 *        for the first slice
 * @param until the events end at or before this time; {@link Long#MAX_VALUE} for the last slice
 * @param readUntil the end time of the slice's stream, at or after {@code until}
 */
public record TimeSlice(long after, long until, long readUntil) {

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if {@code until} is not after {@code after}, or
     *         {@code readUntil} is before {@code until}
     */
    public TimeSlice {
        if (until <= after || readUntil < until) {
            throw new IllegalArgumentException("not a time slice: " + after + ".." + until + " read until "
                    + readUntil);
        }
    }

    /**
     * Sets a stream's start and end times so that it reads every event of this slice, and few others.
     * Dispatch only the events {@link #holds(RecordedEvent) held}.
     *
     * @param stream the stream, not started, not {@code null}
     */
    public void limit(EventStream stream) {
        if (after != Long.MIN_VALUE) {
            stream.setStartTime(Fields.instant(after + 1));
        }
        if (readUntil != Long.MAX_VALUE) {
            stream.setEndTime(Fields.instant(readUntil));
        }
    }

    /**
     * Returns whether the stream {@link #limit(EventStream) limited} to this slice can deliver events
     * of a later slice, which {@link #holds(RecordedEvent)} then rejects.
     *
     * @return {@code true} if the stream reads past the cut
     */
    public boolean readsPastCut() {
        return readUntil > until;
    }

    /**
     * Returns whether an event delivered by a stream {@link #limit(EventStream) limited} to this slice
     * belongs to it: whether it ends by the cut. (The stream's start time already drops the events
     * that end before the slice.)
     *
     * @param event the event, not {@code null}
     * @return {@code true} if the event is this slice's
     */
    public boolean holds(RecordedEvent event) {
        return !readsPastCut() || Fields.epochNanos(event.getEndTime()) <= until;
    }
}
