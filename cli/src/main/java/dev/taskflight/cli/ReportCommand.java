package dev.taskflight.cli;

import dev.taskflight.cli.report.ReportWriter;
import dev.taskflight.cli.visual.EventPass;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code jfr-analyze report FILE -o report.html}: one self-contained HTML page to look at a recording. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes one self-contained HTML page (no network needed to view it): the verdict per pool with"
                + " its findings, a zoomable per-worker timeline of each pool, the long polls and long scheduling"
                + " delays worst first, queue depth, busy workers, the scheduling-delay distribution, where long"
                + " polls spent their time and a flame graph of the CPU samples inside them.",
            "On large recordings it draws the longest polls one by one and the rest as busy time, and says so."})
final class ReportCommand extends DrawCommand {

    @Override
    String extension() {
        return ".html";
    }

    @Override
    void write(Drawing d, OutputStream out) throws IOException {
        new ReportWriter(new ReportWriter.Options(d.window().from(), d.window().to(), d.pool(),
                thresholds.longPoll.toNanos(), thresholds.longPollCritical.toNanos(), thresholds.delayP99.toNanos()))
                .write(d.report(), new EventPass(d.file(), d.layout()), out, d.progress());
    }

    @Override
    String opened(Path out) {
        return "Wrote " + out + ": open it in a browser (it needs no network).";
    }
}
