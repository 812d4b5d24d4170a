package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code jfr-analyze queues FILE}: queue depths over the recording, and backlogs. */
@Command(name = "queues", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Queue depths per pool over the recording: maximum and when, mean, time over the backlog"
                + " threshold, active workers, steals and completed tasks.")
final class QueuesCommand extends AnalyzeCommand {

    @Override
    String command() {
        return "queues";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of(QueueBacklogFinding.TYPE);
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        Text.recording(out, report.recording());
        for (PoolReport p : report.pools()) {
            QueueReport q = p.queue();
            if (q == null) {
                continue;
            }
            out.println();
            out.println("pool " + p.name() + " (" + Text.identity(p) + ")");
            out.println(String.format(Locale.ROOT, "  queued work: max %d at %s UTC, mean %.1f over %d samples",
                    q.maxQueued(), Units.time(q.maxAt()), q.meanQueued(), q.samples()));
            if (q.samplesOverWarning() > 0) {
                out.println(String.format(Locale.ROOT, "  %d samples at the backlog threshold or above, from %s to %s UTC",
                        q.samplesOverWarning(), Units.time(q.firstOverWarning()), Units.time(q.lastOverWarning())));
            }
            out.println(String.format(Locale.ROOT, "  workers: %.1f active on average, at most %s; steals %s,"
                    + " completed %s", q.meanActiveWorkers(), q.maxPoolSize() < 0 ? "?" : q.maxPoolSize(),
                    q.steals() < 0 ? "n/a" : q.steals(), q.completed() < 0 ? "n/a" : q.completed()));
            Text.steals(out, p);
            findings.stream().filter(f -> p.name().equals(f.pool())).forEach(f -> Text.finding(out, "  ", f));
        }
        List<String> unsampled = report.pools().stream().filter(p -> p.queue() == null).map(PoolReport::name)
                .collect(Collectors.toList());
        if (!unsampled.isEmpty()) {
            out.println();
            out.println("No queue samples for: " + String.join(", ", unsampled));
        }
        Text.notes(out, report.notes());
        out.println();
        verdict(out, report, findings);
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        ArrayNode queues = root.putArray("queues");
        for (PoolReport p : report.pools()) {
            if (p.queue() != null) {
                ObjectNode o = queues.addObject();
                o.put("pool", p.name());
                o.put("kind", p.kind().isEmpty() ? null : p.kind());
                o.setAll(JsonReport.queue(p.queue()));
            }
        }
    }
}
