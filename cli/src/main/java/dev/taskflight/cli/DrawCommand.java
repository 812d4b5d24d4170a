package dev.taskflight.cli;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.RecordingException;
import dev.taskflight.analysis.source.RecordingInspector;
import dev.taskflight.analysis.source.RecordingLayout;
import dev.taskflight.cli.visual.OutputTooLargeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code timeline} and {@code report} share: analyze the file (the same findings as every
 * command), then draw it into one output file, written atomically.
 */
abstract class DrawCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The .jfr recording.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "The file to write (replaced atomically).")
    Path output;

    @Option(names = "--pool", paramLabel = "NAME", description = "Only this pool.")
    String pool;

    @Option(names = "--from", paramLabel = "OFFSET", converter = DurationConverter.class,
            description = "Start of the window, from the recording's start (like 10s, 1500ms).")
    Duration from;

    @Option(names = "--to", paramLabel = "OFFSET", converter = DurationConverter.class,
            description = "End of the window, from the recording's start.")
    Duration to;

    @Option(names = "--fail-on", paramLabel = "info|warning|critical", converter = SeverityConverter.class,
            description = "Exit with code 1 when a finding of this severity or higher is reported (for CI).")
    Severity failOn;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr. Default: on large files when stderr is a terminal.")
    Boolean progress;

    @ArgGroup(exclusive = false, heading = "%nThresholds (defaults are the design's):%n")
    CommonOptions.Thresholds thresholds = new CommonOptions.Thresholds();

    /** What a drawing command is given: the recording, its analysis and what to draw of it. */
    record Drawing(Path file, RecordingLayout layout, AnalysisReport report, TimeWindow window, String pool,
            DoubleConsumer progress) {
        /** Returns whether a pool is drawn. */
        boolean drawn(String name) {
            return pool == null || pool.equals(name);
        }
    }

    /** Returns the default output file name's extension, such as {@code .json}. */
    abstract String extension();

    /** Checks the command's own options; returns a message for a usage error, or {@code null}. */
    String checkOptions() {
        return null;
    }

    /** Checks, before anything is written, that the output will not be too large. */
    void checkSize(Drawing drawing) throws OutputTooLargeException {
    }

    /** Writes the output. */
    abstract void write(Drawing drawing, OutputStream out) throws IOException;

    /** Returns the line that tells where the output is and how to open it. */
    abstract String opened(Path out);

    @Override
    public Integer call() {
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        }
        if (output == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=OUT' (like -o out"
                    + extension() + ")");
        }
        String problem = checkOptions();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        if (from != null && to != null && to.compareTo(from) <= 0) {
            throw new ParameterException(spec.commandLine(), "--to must be after --from");
        }
        AnalysisOptions options;
        try {
            options = CommonOptions.analysisOptions(thresholds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String unwritable = unwritable(output);
        if (unwritable != null) {
            return fail(err, ExitCodes.CANNOT_WRITE, unwritable);
        }
        ProgressIndicator indicator = ProgressIndicator.wanted(progress, size())
                ? new ProgressIndicator(err, String.valueOf(file.getFileName())) : null;
        try {
            RecordingLayout layout = RecordingInspector.inspect(file);
            AnalysisReport report = new FileAnalysis(file, options,
                    indicator == null ? (p, n, f) -> { } : (p, n, f) -> indicator.progress(p, n + 1, f)).run();
            if (pool != null && report.pools().stream().map(PoolReport::name).noneMatch(pool::equals)) {
                clear(indicator);
                return fail(err, ExitCodes.USAGE, "no pool named '" + pool + "' in " + file + " (pools: "
                        + String.join(", ", report.pools().stream().map(PoolReport::name).toList()) + ")");
            }
            Drawing drawing = new Drawing(file, layout, report, window(layout), pool,
                    indicator == null ? f -> { } : f -> indicator.progress(3, 3, f));
            checkSize(drawing);
            OutputFile.write(output, o -> write(drawing, o));
            clear(indicator);
            report.warnings().forEach(w -> err.println(Cli.NAME + ": warning: " + w));
            err.flush();
            out.println(opened(output));
            out.flush();
            Optional<Severity> worst = report.findings().stream().map(Finding::severity).max(Enum::compareTo);
            boolean gate = failOn != null && worst.isPresent() && worst.get().compareTo(failOn) >= 0;
            return gate ? ExitCodes.FINDINGS : ExitCodes.OK;
        } catch (RecordingException e) {
            clear(indicator);
            return fail(err, ExitCodes.of(e.problem()), e.getMessage());
        } catch (OutputTooLargeException e) {
            clear(indicator);
            return fail(err, ExitCodes.TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            clear(indicator);
            return fail(err, ExitCodes.CANNOT_WRITE, "cannot write " + output + ": " + reason(e));
        }
    }

    private TimeWindow window(RecordingLayout layout) {
        long start = layout.start() == null ? 0 : nanos(layout.start());
        long end = layout.end() == null ? Long.MAX_VALUE : nanos(layout.end());
        long f = from == null ? start : start + from.toNanos();
        long t = to == null ? end : Math.min(end, start + to.toNanos());
        return new TimeWindow(f, Math.max(f, t));
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static String unwritable(Path out) {
        if (Files.isDirectory(out)) {
            return "cannot write " + out + ": it is a directory";
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "cannot write " + out + ": no such directory " + dir;
        }
        if (!Files.isWritable(dir)) {
            return "cannot write " + out + ": permission denied";
        }
        return null;
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println(Cli.NAME + ": " + message);
        err.flush();
        return code;
    }

    private static void clear(ProgressIndicator indicator) {
        if (indicator != null) {
            indicator.clear();
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private long size() {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
