package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Dump on anomaly: when an interval has a finding of a chosen severity or higher, writes what the
 * recording retains (bounded by the stream's {@code setMaxAge} and {@code setMaxSize}) to a new
 * {@code taskflight-<time>.jfr} file in a directory, keeps at most {@code maxFiles} such files
 * (deleting the oldest), and reports the path as a key=value line.
 *
 * <p>Each dump runs on a daemon thread of its own ({@value #THREAD_NAME}; a plain thread, not a pool,
 * so that the Taskflight agent does not report it), never on the stream's. While one runs, and for
 * {@code minGap} of event time after the interval that triggered it, further anomalies are skipped.
 * Close the dumper to wait for a running dump. Call {@link #accept} from one thread.
 */
public final class AnomalyDumper implements IntervalSink, AutoCloseable {

    /** Dump files are named with this prefix and {@code .jfr}. */
    public static final String PREFIX = "taskflight-";
    /** The name of a dump's thread. */
    public static final String THREAD_NAME = "taskflight-anomaly-dump";
    /** How long closing waits for a running dump. */
    public static final long CLOSE_WAIT_SECONDS = 5;
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Writes the recording's retained data to a file, such as {@code RecordingStream::dump}. */
    @FunctionalInterface
    public interface Dump {
        /**
         * Writes the file.
         *
         * @param file the file to create, not {@code null}
         * @throws IOException if it cannot be written
         */
        void dump(Path file) throws IOException;
    }

    /**
     * When and where to dump.
     *
     * @param minSeverity the least severity that triggers a dump, not {@code null}
     * @param directory where dump files go, not {@code null}
     * @param maxFiles the most dump files kept, at least 1
     * @param minGap the least event time between two dumps' intervals, such as the recording's max age (a
     *        dump covers that much, so dumping more often repeats data), not negative, not {@code null}
     */
    public record Options(Severity minSeverity, Path directory, int maxFiles, Duration minGap) {
        /** The dump files kept unless told otherwise ({@code jfr-analyze stream --dump-max-files}). */
        public static final int DEFAULT_MAX_FILES = 5;
        /** How far back a dump goes unless told otherwise ({@code jfr-analyze stream --dump-max-age}). */
        public static final Duration DEFAULT_MIN_GAP = Duration.ofSeconds(60);

        /** Validates the options. */
        public Options {
            Objects.requireNonNull(minSeverity, "minSeverity");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(minGap, "minGap");
            if (maxFiles < 1 || minGap.isNegative()) {
                throw new IllegalArgumentException("maxFiles must be at least 1 and minGap not negative");
            }
        }
    }

    private final Options options;
    private final Dump dump;
    private final Consumer<String> report;
    private final AtomicBoolean running = new AtomicBoolean();
    private Instant lastDump;
    private volatile Thread dumping;
    private volatile boolean closed;

    /**
     * Creates a dumper.
     *
     * @param options when and where, not {@code null}
     * @param dump writes the recording, not {@code null}
     * @param report takes one key=value line per dump written or failed, on the dump thread, not {@code null}
     */
    public AnomalyDumper(Options options, Dump dump, Consumer<String> report) {
        this.options = Objects.requireNonNull(options, "options");
        this.dump = Objects.requireNonNull(dump, "dump");
        this.report = Objects.requireNonNull(report, "report");
    }

    @Override
    public void accept(IntervalReport interval) {
        Finding trigger = interval.findings().stream()
                .filter(f -> f.severity().compareTo(options.minSeverity()) >= 0).findFirst().orElse(null);
        if (trigger == null || closed || (lastDump != null && interval.end().isBefore(lastDump.plus(options.minGap())))
                || !running.compareAndSet(false, true)) {
            return;
        }
        lastDump = interval.end();
        Path file = options.directory().resolve(PREFIX + NAME_TIME.format(interval.end()) + ".jfr");
        Thread t = new Thread(() -> {
            try {
                Files.createDirectories(options.directory());
                dump.dump(file);
                rotate();
                report.accept("taskflight dump end=" + interval.end() + " path=" + quote(file.toString())
                        + " trigger=" + trigger.type() + ":" + trigger.severity().id() + " pool="
                        + quote(trigger.pool() == null ? "" : trigger.pool()));
            } catch (IOException | RuntimeException e) {
                report.accept("taskflight dump-failed end=" + interval.end() + " path=" + quote(file.toString())
                        + " error=" + quote(String.valueOf(e.getMessage())));
            } finally {
                running.set(false);
            }
        }, THREAD_NAME);
        t.setDaemon(true);
        dumping = t;
        t.start();
    }

    /** Starts no more dumps, and waits for a running one, at most {@value #CLOSE_WAIT_SECONDS} seconds. */
    @Override
    public void close() {
        closed = true;
        Thread t = dumping;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void rotate() throws IOException {
        List<Path> dumps;
        try (Stream<Path> files = Files.list(options.directory())) {
            dumps = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(".jfr");
            }).sorted().collect(Collectors.toCollection(ArrayList::new));
        }
        while (dumps.size() > options.maxFiles()) {
            try {
                Files.deleteIfExists(dumps.remove(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String quote(String v) {
        return v.isEmpty() || v.contains(" ") ? "\"" + v.replace("\"", "\\\"") + "\"" : v;
    }
}
