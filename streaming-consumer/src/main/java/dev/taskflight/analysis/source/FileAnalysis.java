package dev.taskflight.analysis.source;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.Analyzer;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Analyzes a {@code .jfr} file in two streaming passes: the first reads Taskflight events into
 * statistics and keeps the longest polls and idle periods; the second reads the JDK's own events and
 * attributes them to those periods. Memory is bounded whatever the file's size.
 *
 * <p>A complete file is read with {@link EventStream#openFile(Path)}, which parses only the event
 * types a pass reads. A damaged file (truncated, or a chunk the JVM never finished) is read with
 * {@link RecordingFile} up to the damage, and the report carries a warning.
 */
public final class FileAnalysis {

    private static final System.Logger LOG = System.getLogger(FileAnalysis.class.getName());
    private static final int PASSES = 2;
    /** Files smaller than this are read by one thread: slicing would not pay. */
    static final long SLICED_MIN_BYTES = 32L * 1024 * 1024;
    /** The most threads the first pass uses. */
    static final int MAX_THREADS = 4;
    private static final int PROGRESS_EVERY = 1024;

    private final Path file;
    private final AnalysisOptions options;
    private final ProgressListener progress;
    private final int threads;
    private final long slicedMinBytes;

    /**
     * Creates an analysis of a file.
     *
     * @param file the file, not {@code null}
     * @param options the thresholds and limits, not {@code null}
     * @param progress told how far the analysis has got, not {@code null}
     */
    public FileAnalysis(Path file, AnalysisOptions options, ProgressListener progress) {
        this(file, options, progress, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                SLICED_MIN_BYTES);
    }

    /** As above, with the threads for the first pass over a complete file of at least {@code slicedMinBytes}. */
    FileAnalysis(Path file, AnalysisOptions options, ProgressListener progress, int threads, long slicedMinBytes) {
        this.file = Objects.requireNonNull(file, "file");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.threads = Math.max(1, threads);
        this.slicedMinBytes = slicedMinBytes;
    }

    /**
     * Runs the analysis.
     *
     * @return the report, not {@code null}
     * @throws RecordingException if the file cannot be analyzed at all
     */
    public AnalysisReport run() throws RecordingException {
        RecordingLayout layout = RecordingInspector.inspect(file);
        List<String> warnings = new ArrayList<>();
        long[] bounds = layout.sliceBoundaries(threads, slicedMinBytes);
        Analyzer analyzer;
        long read = 0;
        if (bounds.length > 0) {
            analyzer = new SlicedPass(file, options, layout, bounds, progress).run();
        } else {
            analyzer = new Analyzer(options);
            read = pass(layout, 1, analyzer.eventNames(), analyzer::register, analyzer::accept);
        }
        Explainer explainer = analyzer.newExplainer();
        pass(layout, 2, explainer.eventNames(), explainer::register, explainer::accept);
        if (!layout.complete()) {
            warnings.add(0, file + " is damaged: " + layout.damage() + ". Analyzed up to the damage ("
                    + layout.chunks().size() + " complete chunk" + (layout.chunks().size() == 1 ? "" : "s")
                    + (layout.end() == null ? "" : ", until " + Units.time(layout.end()) + " UTC")
                    + (read > 0 ? ", " + read + " events read" : "") + ").");
        }
        if (analyzer.unreadableEvents() > 0) {
            warnings.add(analyzer.unreadableEvents() + " events could not be read and were skipped.");
        }
        RecordingInfo info = new RecordingInfo(file.toString(), layout.sizeBytes(), layout.chunks().size(),
                layout.start(), layout.end(), !layout.complete(), 0);
        return analyzer.report(info, explainer, warnings);
    }

    private long pass(RecordingLayout layout, int pass, Set<String> names, Consumer<EventStream> register,
            Consumer<RecordedEvent> accept) throws RecordingException {
        Progress p = new Progress(layout, pass);
        if (layout.complete()) {
            try (EventStream stream = EventStream.openFile(file)) {
                stream.setOrdered(false);
                stream.setReuse(true);
                register.accept(stream);
                addProgress(stream, names, p);
                stream.start();
            } catch (IOException | RuntimeException e) {
                throw new RecordingException(RecordingProblem.CORRUPT,
                        file + " is a damaged JFR recording: " + message(e), e);
            }
            progress.progress(pass, PASSES, 1.0);
            return p.events;
        }
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                p.events++;
                if (names.contains(e.getEventType().getName())) {
                    accept.accept(e);
                    p.tick(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (p.events == 0 && layout.chunks().isEmpty()) {
                throw new RecordingException(RecordingProblem.CORRUPT, file + " is a damaged JFR recording with nothing"
                        + " readable: " + layout.damage(), e);
            }
            LOG.log(System.Logger.Level.DEBUG, "reading stopped at the damage: " + message(e));
        }
        progress.progress(pass, PASSES, 1.0);
        return p.events;
    }

    private void addProgress(EventStream stream, Set<String> names, Progress p) {
        if (progress != ProgressListener.NONE) {
            names.forEach(name -> stream.onEvent(name, p::tick));
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Counts events and tells the listener how far through the time span the pass is. */
    private final class Progress {
        private final long start;
        private final long span;
        private final int pass;
        long events;
        private long ticks;

        Progress(RecordingLayout layout, int pass) {
            this.pass = pass;
            this.start = layout.start() == null ? 0 : Fields.epochNanos(layout.start());
            this.span = layout.end() == null ? 0 : Fields.epochNanos(layout.end()) - start;
        }

        void tick(RecordedEvent e) {
            if (++ticks % PROGRESS_EVERY == 0 && span > 0) {
                double f = (double) (Fields.epochNanos(e.getEndTime()) - start) / span;
                progress.progress(pass, PASSES, Math.max(0, Math.min(1, f)));
            }
        }
    }
}
