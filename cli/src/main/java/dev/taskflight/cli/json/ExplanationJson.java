package dev.taskflight.cli.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.CauseShare;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.DelayExplanation.Delay;
import dev.taskflight.analysis.report.DelayExplanation.Holder;
import java.util.List;

/** The JSON of a pool's cause breakdown and of its explained scheduling delays (docs/jfr-analyze-json.md). */
public final class ExplanationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExplanationJson() {
    }

    /** Returns a pool's cause breakdown. */
    public static ObjectNode breakdown(CauseBreakdown b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pool", b.pool());
        o.put("longPolls", b.longPolls());
        o.put("longPollNanos", b.longPollNanos());
        o.put("uncoveredLongPolls", b.uncovered());
        o.put("description", b.describe(3));
        ArrayNode causes = o.putArray("causes");
        for (CauseShare c : b.causes()) {
            ObjectNode x = causes.addObject();
            x.put("kind", c.kind().id());
            x.put("label", c.kind().label());
            x.put("subject", c.subject());
            x.put("caller", c.caller());
            x.put("polls", c.polls());
            x.put("nanos", c.nanos());
            x.put("share", c.share());
        }
        return o;
    }

    /** Returns the breakdowns of several pools. */
    public static ArrayNode breakdowns(List<CauseBreakdown> list) {
        ArrayNode a = MAPPER.createArrayNode();
        list.forEach(b -> a.add(breakdown(b)));
        return a;
    }

    /** Returns what held a pool's workers during its longest scheduling delays. */
    public static ObjectNode delays(DelayExplanation d, int top) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pool", d.pool());
        o.put("workers", d.workers());
        o.put("description", d.describe(3));
        o.set("heldBy", holders(d.heldBy()));
        o.set("sites", JsonReport.frames(d.sites()));
        ArrayNode delays = o.putArray("longest");
        for (Delay x : d.delays().subList(0, Math.min(top, d.delays().size()))) {
            ObjectNode n = delays.addObject();
            n.put("taskClass", x.taskClass().isEmpty() ? null : x.taskClass());
            if (x.worker() >= 0) {
                n.put("worker", x.worker());
            } else {
                n.putNull("worker");
            }
            n.put("waitStart", JsonReport.time(x.waitStart()));
            n.put("delayNanos", x.delayNanos());
            n.set("heldBy", holders(x.heldBy()));
        }
        return o;
    }

    private static ArrayNode holders(List<Holder> holders) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Holder h : holders) {
            ObjectNode x = a.addObject();
            x.put("taskClass", h.taskClass());
            x.put("nanos", h.nanos());
            x.put("share", h.share());
        }
        return a;
    }
}
