package dev.taskflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.cli.json.ExplanationJson;
import dev.taskflight.cli.json.JsonReport;
import dev.taskflight.cli.text.CauseText;
import dev.taskflight.cli.text.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code jfr-analyze delays FILE}: scheduling-delay percentiles per pool and worker. */
@Command(name = "delays", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scheduling delay (submit or unpark to start of poll): percentiles per pool and per worker.")
final class DelaysCommand extends AnalyzeCommand {

    @Override
    String command() {
        return "delays";
    }

    @Override
    Set<String> findingTypes() {
        return Set.of(SchedulingDelayFinding.TYPE);
    }

    @Override
    void text(PrintWriter out, AnalysisReport report, List<Finding> findings, int top) {
        Text.recording(out, report.recording());
        for (PoolReport p : report.pools()) {
            out.println();
            out.println("pool " + p.name() + " (" + Text.identity(p) + "): " + Text.delay(p.delay()));
            for (WorkerReport w : p.workers()) {
                if (w.delay().count() > 0) {
                    out.println("  worker " + w.worker() + ": " + Text.delay(w.delay()));
                }
            }
            report.delay(p.name()).ifPresent(d -> CauseText.delays(out, "  ", d, top));
            findings.stream().filter(f -> p.name().equals(f.pool())).forEach(f -> Text.finding(out, "  ", f));
        }
        Text.notes(out, report.notes());
        out.println();
        verdict(out, report, findings);
    }

    @Override
    void json(ObjectNode root, AnalysisReport report, int top) {
        ArrayNode delays = root.putArray("delays");
        for (PoolReport p : report.pools()) {
            ObjectNode o = delays.addObject();
            o.put("pool", p.name());
            o.set("delay", JsonReport.delay(p.delay()));
            ArrayNode workers = o.putArray("workers");
            for (WorkerReport w : p.workers()) {
                ObjectNode x = workers.addObject();
                if (w.worker() >= 0) {
                    x.put("worker", w.worker());
                } else {
                    x.putNull("worker");
                }
                x.put("thread", w.thread().isEmpty() ? null : w.thread());
                x.set("delay", JsonReport.delay(w.delay()));
            }
            o.set("explained", report.delay(p.name()).<JsonNode>map(d -> ExplanationJson.delays(d, top))
                    .orElse(NullNode.getInstance()));
        }
    }
}
