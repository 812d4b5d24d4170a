package dev.taskflight.analysis.source;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.Analyzer;
import dev.taskflight.analysis.internal.Fields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The first pass over a large, complete file, on several threads: the recording's time span is cut
 * into slices of about equal size in bytes, each thread reads the events that end in its slice into
 * its own {@link Analyzer}, and the analyzers are merged in time order. Each thread parses the events of
 * its slice, and those of about a second after it, because it must read on into the chunks that can
 * hold some of the slice's events ({@link TimeSlice}); the JDK's parser skips the other events cheaply.
 */
final class SlicedPass {

    private final Path file;
    private final AnalysisOptions options;
    private final List<TimeSlice> slices;
    private final ProgressListener progress;
    private final AtomicLongArray reached;
    private final long start;
    private final long span;

    SlicedPass(Path file, AnalysisOptions options, RecordingLayout layout, long[] bounds, ProgressListener progress) {
        this.file = file;
        this.options = options;
        this.slices = layout.slices(bounds);
        this.progress = progress;
        this.reached = new AtomicLongArray(slices.size());
        this.start = Fields.epochNanos(layout.start());
        this.span = Math.max(1, Fields.epochNanos(layout.end()) - start);
    }

    /**
     * Returns the times, in nanoseconds since the epoch, that cut the recording into {@code n} slices
     * of about equal size in bytes (assuming events spread evenly within each chunk); fewer if the
     * chunks' times do not allow {@code n}.
     */
    static long[] boundaries(RecordingLayout layout, int n) {
        long total = layout.chunks().stream().mapToLong(RecordingLayout.Chunk::size).sum();
        List<Long> cuts = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (int i = 1; i < n; i++) {
            long target = total / n * i;
            for (RecordingLayout.Chunk c : layout.chunks()) {
                if (target >= c.offset() && target < c.offset() + c.size()) {
                    double fraction = (double) (target - c.offset()) / c.size();
                    long cut = c.startNanos() + (long) (fraction * c.durationNanos());
                    if (cut > previous && c.durationNanos() > 0) {
                        cuts.add(cut);
                        previous = cut;
                    }
                    break;
                }
            }
        }
        return cuts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Reads the slices, the first on the calling thread, and returns the merged analyzer. */
    Analyzer run() throws RecordingException {
        int n = slices.size();
        Analyzer[] parts = new Analyzer[n];
        Throwable[] failures = new Throwable[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int slice = i;
            Thread t = new Thread(() -> parts[slice] = read(slice, failures), "taskflight-analysis-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        parts[0] = read(0, failures);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordingException(RecordingProblem.CORRUPT, "interrupted while reading " + file, e);
            }
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new RecordingException(RecordingProblem.CORRUPT,
                        file + " is a damaged JFR recording: " + FileAnalysis.message(failure), failure);
            }
        }
        for (int i = 1; i < n; i++) {
            parts[0].merge(parts[i]);
        }
        progress.progress(1, 2, 1.0);
        return parts[0];
    }

    private Analyzer read(int slice, Throwable[] failures) {
        Analyzer analyzer = new Analyzer(options);
        TimeSlice part = slices.get(slice);
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(false);
            stream.setReuse(true);
            part.limit(stream);
            analyzer.register(stream, part::holds);
            if (progress != ProgressListener.NONE) {
                long[] ticks = new long[1];
                analyzer.eventNames().forEach(name -> stream.onEvent(name, e -> tick(slice, e, ticks)));
            }
            stream.start();
        } catch (IOException | RuntimeException | Error e) {
            failures[slice] = e;
        }
        return analyzer;
    }

    /** Records how far a slice has got; the calling thread's slice tells the listener the overall share. */
    private void tick(int slice, RecordedEvent e, long[] ticks) {
        if (++ticks[0] % 1024 != 0) {
            return;
        }
        long sliceStart = slice == 0 ? start : slices.get(slice).after();
        reached.set(slice, Math.max(0, Fields.epochNanos(e.getEndTime()) - sliceStart));
        if (slice == 0) {
            long done = 0;
            for (int i = 0; i < reached.length(); i++) {
                done += reached.get(i);
            }
            progress.progress(1, 2, Math.min(1.0, (double) done / span));
        }
    }

}
