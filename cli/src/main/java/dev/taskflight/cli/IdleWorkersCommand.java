package dev.taskflight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code jfr-analyze idle-workers FILE}: workers idle while work waited. */
@Command(name = "idle-workers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Workers parked while work was queued, for how long, and workers under-used while others"
                + " were saturated.")
final class IdleWorkersCommand extends AnalyzeCommand {

    @Override
    String command() {
        return "idle-workers";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of(IdleWorkerFinding.TYPE);
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        Text.recording(out, report.recording());
        List<IdleEpisode> shown = report.idleEpisodes().subList(0, Math.min(top, report.idleEpisodes().size()));
        out.println();
        out.println("Parks that woke to queued work: " + (shown.isEmpty() ? "none." : "the " + shown.size()
                + " longest:"));
        for (IdleEpisode e : shown) {
            StringBuilder b = new StringBuilder("  ").append(Units.duration(e.durationNanos())).append("  ")
                    .append(e.pool()).append(" worker ").append(e.worker()).append(" (")
                    .append(e.thread().isEmpty() ? "?" : e.thread()).append(") at ").append(Units.time(e.start()))
                    .append(" UTC: woke to ").append(e.queuedTasks()).append(" queued tasks");
            if (e.queuedForNanos() >= 0) {
                b.append("; queue samples showed work waiting for ").append(Units.duration(e.queuedForNanos()))
                        .append(" of it (up to ").append(e.maxQueuedDuring()).append(" queued)");
            }
            out.println(b);
        }
        out.println();
        out.println("Utilization by worker (busy share, from the counters):");
        for (PoolReport p : report.pools()) {
            List<WorkerReport> counted = p.workers().stream().filter(w -> w.busyRatio() >= 0)
                    .collect(Collectors.toList());
            if (!counted.isEmpty()) {
                out.println("  " + p.name() + ": " + counted.stream()
                        .map(w -> "worker " + w.worker() + " " + Units.percent(w.busyRatio()))
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!findings.isEmpty()) {
            out.println();
            findings.forEach(f -> Text.finding(out, "", f));
        }
        Text.notes(out, report.notes());
        out.println();
        verdict(out, report, findings);
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        ArrayNode episodes = root.putArray("idleEpisodes");
        report.idleEpisodes().stream().limit(top).forEach(e -> episodes.add(JsonReport.idleEpisode(e)));
        ArrayNode workers = root.putArray("workers");
        for (PoolReport p : report.pools()) {
            for (WorkerReport w : p.workers()) {
                ObjectNode o = workers.addObject();
                o.put("pool", p.name());
                o.setAll(JsonReport.worker(w));
            }
        }
    }
}
