package dev.taskflight.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.Explanation;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.ThreadGroupReport;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.analysis.report.WorkerReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON output, field by field: the schema is documented in {@code docs/jfr-analyze-json.md} and
 * changes only with {@link #SCHEMA_VERSION}. Durations are integer nanoseconds in fields ending in
 * {@code Nanos}; times are ISO-8601 UTC strings; unknown values are {@code null}.
 */
public final class JsonReport {

    /** The schema's version; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Returns the envelope every command writes: schema, command, recording, verdict, findings, warnings, notes. */
    public static ObjectNode envelope(String command, String version, AnalysisReport report, List<Finding> findings,
            String verdict) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", "jfr-analyze");
        root.put("toolVersion", version);
        root.put("command", command);
        root.set("recording", recording(report.recording()));
        root.put("verdict", verdict);
        ArrayNode f = root.putArray("findings");
        findings.forEach(x -> f.add(finding(x)));
        ArrayNode w = root.putArray("warnings");
        report.warnings().forEach(w::add);
        ArrayNode n = root.putArray("notes");
        report.notes().forEach(n::add);
        root.set("unseen", unseen(report.unseen()));
        return root;
    }

    static ObjectNode unseen(UnseenWork u) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("checked", u.checked());
        o.put("threads", u.threads());
        o.put("cpuSamples", u.cpuSamples());
        ArrayNode top = o.putArray("top");
        for (UnseenWork.UnseenThread t : u.top()) {
            ObjectNode e = top.addObject();
            e.put("thread", t.thread());
            e.put("cpuSamples", t.cpuSamples());
            e.put("site", t.site());
        }
        return o;
    }

    /** Writes a document, pretty-printed, followed by a newline. */
    public static void write(PrintWriter out, JsonNode root) {
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode recording(RecordingInfo r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", r.source());
        o.put("sizeBytes", r.sizeBytes());
        o.put("chunks", r.chunks());
        o.put("start", time(r.start()));
        o.put("end", time(r.end()));
        if (r.start() != null && r.end() != null) {
            o.put("durationNanos", Duration.between(r.start(), r.end()).toNanos());
        } else {
            o.putNull("durationNanos");
        }
        o.put("truncated", r.truncated());
        o.put("taskflightEvents", r.taskflightEvents());
        return o;
    }

    /** Returns a finding. */
    public static ObjectNode finding(Finding f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", f.type());
        o.put("severity", f.severity().id());
        o.put("pool", f.pool());
        putWorker(o, f.worker());
        o.put("message", f.message());
        o.set("facts", MAPPER.valueToTree(f.facts()));
        return o;
    }

    /** Returns a pool with its totals, delay, queue and (if asked) workers. */
    public static ObjectNode pool(PoolReport p, boolean withWorkers) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pool", p.name());
        o.put("kind", emptyToNull(p.kind()));
        putOptional(o, "parallelism", p.parallelism());
        o.put("instrumentation", emptyToNull(p.instrumentation()));
        o.put("taskflightVersion", emptyToNull(p.taskflightVersion()));
        o.put("pollEvents", p.pollEvents());
        o.put("longPolls", p.longPolls());
        o.put("criticalLongPolls", p.criticalLongPolls());
        o.set("totals", worker(p.totals()));
        o.set("delay", delay(p.delay()));
        o.set("queue", p.queue() == null ? null : queue(p.queue()));
        if (withWorkers) {
            ArrayNode a = o.putArray("workers");
            p.workers().forEach(w -> a.add(worker(w)));
        }
        return o;
    }

    /** Returns a worker's statistics. */
    public static ObjectNode worker(WorkerReport w) {
        ObjectNode o = MAPPER.createObjectNode();
        putWorker(o, w.worker());
        o.put("thread", emptyToNull(w.thread()));
        o.put("source", w.fromCounters() ? "counters" : "events");
        o.put("polls", w.polls());
        o.put("busyNanos", w.busyNanos());
        o.put("idleNanos", w.idleNanos());
        if (w.busyRatio() >= 0) {
            o.put("busyRatio", w.busyRatio());
        } else {
            o.putNull("busyRatio");
        }
        o.put("parks", w.parks());
        o.put("steals", w.steals());
        putOptional(o, "maxLocalQueueDepth", w.maxLocalQueueDepth());
        o.put("pollEvents", w.pollEvents());
        o.put("longestPollNanos", w.longestPollNanos());
        o.put("idleWithWork", w.idleWithWork());
        o.put("idleWithWorkNanos", w.idleWithWorkNanos());
        o.set("delay", delay(w.delay()));
        return o;
    }

    /** Returns scheduling-delay percentiles. */
    public static ObjectNode delay(DelayReport d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("count", d.count());
        o.put("p50Nanos", d.p50());
        o.put("p90Nanos", d.p90());
        o.put("p99Nanos", d.p99());
        o.put("p999Nanos", d.p999());
        o.put("maxNanos", d.max());
        o.put("meanNanos", d.mean());
        return o;
    }

    /** Returns queue statistics. */
    public static ObjectNode queue(QueueReport q) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("samples", q.samples());
        o.put("maxQueued", q.maxQueued());
        o.put("maxAt", time(q.maxAt()));
        o.put("meanQueued", q.meanQueued());
        o.put("samplesOverWarning", q.samplesOverWarning());
        o.put("firstOverWarning", time(q.firstOverWarning()));
        o.put("lastOverWarning", time(q.lastOverWarning()));
        o.put("meanActiveWorkers", q.meanActiveWorkers());
        putOptional(o, "maxPoolSize", q.maxPoolSize());
        putOptional(o, "steals", q.steals());
        putOptional(o, "completed", q.completed());
        return o;
    }

    /** Returns a long poll with its explanation. */
    public static ObjectNode longPoll(LongPoll p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pool", p.pool());
        putWorker(o, p.worker());
        o.put("thread", emptyToNull(p.thread()));
        o.put("taskClass", emptyToNull(p.taskClass()));
        o.put("virtualThread", p.virtualThread());
        o.put("start", time(p.start()));
        o.put("durationNanos", p.durationNanos());
        o.put("severity", p.severity() == null ? null : p.severity().id());
        o.set("explanation", explanation(p.explanation()));
        return o;
    }

    static ObjectNode explanation(Explanation e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("description", e.describe());
        o.put("explainedShare", e.explainedShare());
        o.put("cpuSamples", e.cpuSamples());
        o.set("topFrames", frames(e.topFrames()));
        ArrayNode causes = o.putArray("causes");
        for (Cause c : e.causes()) {
            ObjectNode x = causes.addObject();
            x.put("kind", c.kind().id());
            x.put("subject", c.subject());
            x.put("events", c.events());
            x.put("nanos", c.nanos());
            x.put("share", c.share());
        }
        return o;
    }

    /** Returns an idle park. */
    public static ObjectNode idleEpisode(IdleEpisode e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pool", e.pool());
        putWorker(o, e.worker());
        o.put("thread", emptyToNull(e.thread()));
        o.put("start", time(e.start()));
        o.put("durationNanos", e.durationNanos());
        o.put("queuedTasks", e.queuedTasks());
        putOptional(o, "queuedForNanos", e.queuedForNanos());
        putOptional(o, "maxQueuedDuring", e.maxQueuedDuring());
        return o;
    }

    /** Returns what the JDK's events say about a group of pool threads. */
    public static ObjectNode threadGroup(ThreadGroupReport g) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("group", g.group());
        o.put("taskflightPool", g.taskflightPool());
        o.put("threads", g.threads());
        o.put("parks", g.parks());
        o.put("parkNanos", g.parkNanos());
        o.set("parkedOn", frames(g.parkedOn()));
        o.put("cpuSamples", g.cpuSamples());
        o.set("topFrames", frames(g.topFrames()));
        ArrayNode blocking = o.putArray("blocking");
        for (ThreadGroupReport.Blocking x : g.blocking()) {
            ObjectNode b = blocking.addObject();
            b.put("kind", x.kind().id());
            b.put("events", x.events());
            b.put("nanos", x.nanos());
            b.put("subject", x.subject());
        }
        return o;
    }

    /** Returns the virtual-thread pinning. */
    public static ObjectNode pinning(PinningReport p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("events", p.events());
        o.put("overThreshold", p.overThreshold());
        o.put("totalNanos", p.totalNanos());
        o.put("maxNanos", p.maxNanos());
        o.set("where", frames(p.where()));
        return o;
    }

    static ArrayNode frames(List<FrameCount> frames) {
        ArrayNode a = MAPPER.createArrayNode();
        for (FrameCount f : frames) {
            a.addObject().put("frame", f.frame()).put("count", f.samples());
        }
        return a;
    }

    /** Returns a new empty array, for command-specific sections. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Returns a new empty object, for command-specific sections. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }

    private static void putWorker(ObjectNode o, int worker) {
        if (worker >= 0) {
            o.put("worker", worker);
        } else {
            o.putNull("worker");
        }
    }

    private static void putOptional(ObjectNode o, String name, long value) {
        if (value >= 0) {
            o.put(name, value);
        } else {
            o.putNull(name);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

}
