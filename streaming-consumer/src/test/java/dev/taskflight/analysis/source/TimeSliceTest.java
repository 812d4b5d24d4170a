package dev.taskflight.analysis.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class TimeSliceTest {

    @Test
    void aSliceReadsOnToTheLastChunkThatCanHoldItsEvents() throws Exception {
        RecordingLayout layout = RecordingInspector.inspect(Recordings.clockAhead());
        List<RecordingLayout.Chunk> chunks = layout.chunks();
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        RecordingLayout.Chunk last = chunks.get(chunks.size() - 1);
        long inFirst = chunks.get(0).startNanos() + chunks.get(0).durationNanos() / 2;
        long beforeLast = last.startNanos() - 1;
        // by the first chunk's clock, which times events, the last chunk starts before its header says
        assertThat(layout.startAsRead(last)).isLessThan(beforeLast);

        // events written at most 0 ns late: only the clocks' drift counts
        assertThat(layout.slices(new long[] {inFirst, beforeLast}, 0)).containsExactly(
                new TimeSlice(Long.MIN_VALUE, inFirst, inFirst),
                new TimeSlice(inFirst, beforeLast, last.startNanos()),
                new TimeSlice(beforeLast, Long.MAX_VALUE, Long.MAX_VALUE));
        // events written up to a second late: this recording is shorter, so every slice reads it all
        assertThat(layout.slices(new long[] {inFirst, beforeLast})).containsExactly(
                new TimeSlice(Long.MIN_VALUE, inFirst, last.startNanos()),
                new TimeSlice(inFirst, beforeLast, last.startNanos()),
                new TimeSlice(beforeLast, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(layout.slices(new long[0])).containsExactly(
                new TimeSlice(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aSliceThatReadsPastItsCutHoldsOnlyTheEventsThatEndByIt() {
        TimeSlice slice = new TimeSlice(100, 200, 300);
        assertThat(slice.readsPastCut()).isTrue();
        assertThat(new TimeSlice(100, 200, 200).readsPastCut()).isFalse();
        assertThatThrownBy(() -> new TimeSlice(200, 200, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeSlice(100, 200, 199)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutsMustAscend() throws Exception {
        RecordingLayout layout = RecordingInspector.inspect(Recordings.problems());
        long start = layout.chunks().get(0).startNanos();
        assertThatThrownBy(() -> layout.slices(new long[] {start + 2, start + 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every event is in exactly one slice, wherever the cut falls, in a recording whose last chunk holds
     * events that end before its header starts: cuts at every Taskflight event's end near that chunk's
     * start, one nanosecond before each, and at the chunks' starts.
     */
    @Test
    void theSlicesReadEveryEventOnceWhereverTheCutsFall() throws Exception {
        Path late = Recordings.clockAhead();
        RecordingLayout layout = RecordingInspector.inspect(late);
        Map<String, Integer> all = new HashMap<>();
        TreeSet<Long> cuts = new TreeSet<>();
        long lastStart = layout.chunks().get(layout.chunks().size() - 1).startNanos();
        try (RecordingFile recording = new RecordingFile(late)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                all.merge(key(e), 1, Integer::sum);
                long end = Fields.epochNanos(e.getEndTime());
                if (Math.abs(end - lastStart) <= 2 * Recordings.CLOCK_AHEAD_NANOS
                        && e.getEventType().getName().startsWith(EventNames.PREFIX)) {
                    cuts.add(end);
                    cuts.add(end - 1);
                }
            }
        }
        layout.chunks().forEach(c -> cuts.add(c.startNanos()));
        cuts.remove(layout.chunks().get(0).startNanos());
        assertThat(cuts).hasSizeGreaterThan(10).hasSizeLessThan(40);

        for (long cut : cuts) {
            Map<String, Integer> read = new HashMap<>();
            for (TimeSlice slice : layout.slices(new long[] {cut})) {
                try (EventStream stream = EventStream.openFile(late)) {
                    stream.setOrdered(false);
                    slice.limit(stream);
                    stream.onEvent(e -> {
                        if (slice.holds(e)) {
                            read.merge(key(e), 1, Integer::sum);
                        }
                    });
                    stream.start();
                }
            }
            assertThat(read).as("cut at %d", cut).isEqualTo(all);
        }
    }

    private static String key(RecordedEvent e) {
        return e.getEventType().getName() + " " + e.getStartTime() + " " + e.getEndTime() + " "
                + (e.getThread() == null ? "" : e.getThread().getJavaThreadId());
    }
}
