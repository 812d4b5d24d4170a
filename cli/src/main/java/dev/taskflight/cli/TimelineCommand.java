package dev.taskflight.cli;

import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.cli.timeline.DrawTimes;
import dev.taskflight.cli.timeline.TimelineWriter;
import dev.taskflight.cli.visual.EventPass;
import dev.taskflight.cli.visual.OutputTooLargeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jfr-analyze timeline FILE -o OUT.json}: a per-worker timeline for Perfetto and chrome://tracing. */
@Command(name = "timeline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes a Chrome trace-event JSON timeline that https://ui.perfetto.dev and chrome://tracing"
                + " open: one process per pool, one lane per worker, polls and parks as slices with the JDK's"
                + " events on that thread nested inside, queue depth and busy workers as counters.",
            "Too large a timeline is refused before anything is written, with a window to try instead."})
final class TimelineCommand extends DrawCommand {

    /**
     * About how many bytes one poll or park takes in the JSON with its arguments: measured on the demo
     * recording, 112 per park and 213 per poll; the file, with long polls, JDK events and counters, 290
     * per slice.
     */
    static final long BYTES_PER_SLICE = 250;

    @Option(names = "--min-poll", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hide polls and parks shorter than this (long polls are always shown); each lane's name"
                    + " says how many it hides.")
    Duration minPoll = Duration.ZERO;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Refuse to write a timeline larger than this, like 500MB or 2GB (default: 256MB, what"
                    + " Perfetto's web UI opens comfortably).")
    String maxSize = "256MB";

    private long maxBytes;

    @Override
    String extension() {
        return ".json";
    }

    @Override
    String checkOptions() {
        try {
            maxBytes = parseSize(maxSize);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return minPoll.isNegative() ? "--min-poll must not be negative" : null;
    }

    @Override
    void checkSize(Drawing d) throws OutputTooLargeException {
        if (!minPoll.isZero()) {
            // How many polls and parks --min-poll keeps is not known before the pass; an estimate from
            // every event would refuse exactly what --min-poll makes small. The writer's limit applies
            // while it writes, and nothing is left behind when it is passed.
            return;
        }
        long events = 0;
        for (PoolReport p : d.report().pools()) {
            if (d.drawn(p.name())) {
                // every poll event, and every park the workers' counters saw (an upper bound on park events)
                events += p.pollEvents() + Math.max(0, p.totals().parks());
            }
        }
        long span = span(d);
        double share = span <= 0 ? 1 : Math.min(1, (double) d.window().length() / span);
        long estimate = (long) (events * share * BYTES_PER_SLICE);
        if (estimate <= maxBytes) {
            return;
        }
        double perSecond = span <= 0 ? 0 : events * (double) BYTES_PER_SLICE / (span / 1e9);
        double seconds = perSecond <= 0 ? 1 : Math.max(0.001, maxBytes / perSecond / 2);
        long from = d.window().from() - start(d);
        throw new OutputTooLargeException(String.format(Locale.ROOT, "the timeline would be about %s (%d polls and"
                + " parks), over --max-size %s: try a window such as --from %s --to %s, or --pool, --min-poll, or a"
                + " larger --max-size", DrawTimes.bytes(estimate), (long) (events * share), DrawTimes.bytes(maxBytes),
                offset(from), offset(from + (long) (seconds * 1e9))));
    }

    @Override
    void write(Drawing d, OutputStream out) throws IOException {
        // the estimate can be short, so the writer allows half as much again; with --min-poll there is no
        // estimate and --max-size is the writer's limit
        long slack = minPoll.isZero() ? Math.max(maxBytes, maxBytes + maxBytes / 2) : maxBytes;
        TimelineWriter writer = new TimelineWriter(new TimelineWriter.Options(start(d), d.window().from(),
                d.window().to(), d.pool(), minPoll.toNanos(), slack, d.report().longPolls()));
        writer.write(new EventPass(d.file(), d.layout()), out, d.progress());
    }

    @Override
    String opened(Path out) {
        return "Wrote " + out + ": open it in https://ui.perfetto.dev (or chrome://tracing).";
    }

    private static long start(Drawing d) {
        return d.layout().start() == null ? d.window().from() : DrawTimes.nanos(d.layout().start());
    }

    private static long span(Drawing d) {
        if (d.layout().start() == null || d.layout().end() == null) {
            return 0;
        }
        return DrawTimes.nanos(d.layout().end()) - DrawTimes.nanos(d.layout().start());
    }

    private static String offset(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return Math.max(0, nanos / 1_000_000L) + "ms";
    }

    /** Reads {@code 500MB}, {@code 2GB}, {@code 64kB} or a number of bytes. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            double v = Double.parseDouble(t);
            if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return (long) Math.min(Long.MAX_VALUE, v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-size: '" + text + "' is not a size like 500MB or 2GB");
        }
    }
}
