package dev.taskflight.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.text.Text;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.cli.report.PoolData.KeptPark;
import dev.taskflight.cli.report.PoolData.KeptPoll;
import dev.taskflight.cli.timeline.DrawTimes;
import dev.taskflight.cli.visual.SchedulerEvents.Stuck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The report's data, as the page's script reads it: times in milliseconds from the window's start. */
final class ReportJson {

    private final JsonGenerator g;
    private final ReportWriter.Options options;
    private final long from;

    ReportJson(JsonGenerator g, ReportWriter.Options options) {
        this.g = g;
        this.options = options;
        this.from = options.from();
    }

    void write(AnalysisReport report, ReportCollector data) throws IOException {
        String poolFilter = options.pool();
        g.writeStartObject();
        g.writeObjectFieldStart("thresholds");
        g.writeNumberField("longPollMs", options.longPollNanos() / 1e6);
        g.writeNumberField("criticalMs", options.criticalNanos() / 1e6);
        g.writeNumberField("delayMs", options.minDelayNanos() / 1e6);
        g.writeEndObject();
        g.writeObjectFieldStart("recording");
        g.writeStringField("source", report.recording().source());
        g.writeNumberField("sizeBytes", report.recording().sizeBytes());
        g.writeStringField("start", report.recording().start() == null ? "" : Units.time(report.recording().start()));
        g.writeNumberField("windowMs", ms(options.to()));
        g.writeBooleanField("truncated", report.recording().truncated());
        strings("warnings", report.warnings());
        strings("notes", report.notes());
        g.writeEndObject();
        // no "ok" badge over part of the work: "incomplete" when code ran unseen, could not be looked for, or the
        // recording has no Taskflight event
        g.writeStringField("verdict", report.highestSeverity().map(Severity::id)
                .orElse(report.allSeen() ? "ok" : "incomplete"));
        strings("unseen", Text.unseen(report.unseen()));
        g.writeArrayFieldStart("pools");
        for (PoolReport pool : report.pools()) {
            if (poolFilter == null || poolFilter.equals(pool.name())) {
                pool(report, pool, data.pool(pool.name()));
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("otherFindings");
        for (Finding f : report.findings()) {
            if (f.pool() == null) {
                finding(f);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void pool(AnalysisReport report, PoolReport pool, PoolData d) throws IOException {
        List<Finding> findings = report.findings().stream().filter(f -> pool.name().equals(f.pool())).toList();
        g.writeStartObject();
        g.writeStringField("name", pool.name());
        g.writeStringField("kind", pool.kind());
        g.writeNumberField("parallelism", pool.parallelism());
        g.writeStringField("instrumentation", pool.instrumentation());
        g.writeStringField("verdict", findings.stream().map(Finding::severity).max(Enum::compareTo).map(Severity::id)
                .orElse("ok"));
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            finding(f);
        }
        g.writeEndArray();
        g.writeNumberField("pollEvents", pool.pollEvents());
        g.writeNumberField("longPollCount", pool.longPolls());
        g.writeObjectFieldStart("delay");
        g.writeNumberField("count", pool.delay().count());
        g.writeStringField("p50", Units.duration(pool.delay().p50()));
        g.writeStringField("p99", Units.duration(pool.delay().p99()));
        g.writeStringField("max", Units.duration(pool.delay().max()));
        g.writeEndObject();
        g.writeArrayFieldStart("workerStats");
        for (WorkerReport w : pool.workers()) {
            g.writeStartObject();
            g.writeNumberField("worker", w.worker());
            g.writeStringField("thread", w.thread());
            g.writeNumberField("polls", w.polls());
            g.writeNumberField("busyRatio", Math.round(w.busyRatio() * 1000) / 1000.0);
            g.writeEndObject();
        }
        g.writeEndArray();
        List<LongPoll> longPolls = report.longPolls().stream().filter(p -> p.pool().equals(pool.name())).toList();
        longPolls(longPolls);
        breakdown(longPolls);
        if (d != null) {
            drawing(d);
        }
        g.writeEndObject();
    }

    private void finding(Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("type", f.type());
        g.writeStringField("pool", f.pool());
        g.writeNumberField("worker", f.worker());
        g.writeStringField("message", f.message());
        g.writeEndObject();
    }

    private void longPolls(List<LongPoll> polls) throws IOException {
        g.writeArrayFieldStart("longPolls");
        for (LongPoll p : polls) {
            g.writeStartObject();
            g.writeNumberField("worker", p.worker());
            g.writeStringField("thread", p.thread());
            g.writeStringField("task", p.taskClass());
            if (p.virtualThread() != null) {
                g.writeStringField("virtualThread", p.virtualThread());
            }
            g.writeNumberField("start", ms(DrawTimes.nanos(p.start())));
            g.writeNumberField("duration", p.durationNanos() / 1e6);
            g.writeStringField("severity", p.severity().id());
            g.writeStringField("explanation", p.explanation().describe());
            g.writeArrayFieldStart("causes");
            for (Cause c : p.explanation().causes()) {
                g.writeString(Units.percent(c.share()) + " " + c.kind().label() + (c.subject().isEmpty()
                        || c.kind() == CauseKind.CPU ? "" : " " + c.subject()) + " (" + c.events() + ")");
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topFrames");
            for (FrameCount f : p.explanation().topFrames()) {
                g.writeString(f.frame() + " (" + f.samples() + ")");
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The long polls' time by cause, summed over the explained polls the engine kept. When the engine
     * gives a per-pool breakdown, it takes this list's place.
     */
    private void breakdown(List<LongPoll> polls) throws IOException {
        Map<CauseKind, Long> byKind = new EnumMap<>(CauseKind.class);
        long total = 0;
        for (LongPoll p : polls) {
            total += p.durationNanos();
            for (Cause c : p.explanation().causes()) {
                byKind.merge(c.kind(), c.nanos(), Long::sum);
            }
        }
        long explained = byKind.values().stream().mapToLong(Long::longValue).sum();
        g.writeObjectFieldStart("breakdown");
        g.writeStringField("source", "the " + polls.size() + " longest polls the analysis explained");
        g.writeArrayFieldStart("causes");
        List<Map.Entry<CauseKind, Long>> sorted = new ArrayList<>(byKind.entrySet());
        sorted.sort(Map.Entry.<CauseKind, Long>comparingByValue().reversed());
        for (Map.Entry<CauseKind, Long> e : sorted) {
            cause(e.getKey().label(), e.getValue(), total);
        }
        if (total > explained) {
            cause("unexplained", total - explained, total);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void cause(String label, long nanos, long total) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", label);
        g.writeNumberField("ms", nanos / 1e6);
        g.writeNumberField("share", total == 0 ? 0 : Math.min(1, (double) nanos / total));
        g.writeEndObject();
    }

    private void drawing(PoolData d) throws IOException {
        List<Integer> lanes = new ArrayList<>(d.workers.keySet());
        Map<Integer, Integer> lane = new java.util.HashMap<>();
        lanes.forEach(w -> lane.put(w, lane.size()));
        g.writeArrayFieldStart("lanes");
        for (Integer w : lanes) {
            g.writeStartObject();
            g.writeNumberField("worker", w);
            g.writeStringField("thread", d.workers.get(w));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("aggregated", !d.keepAll);
        g.writeNumberField("pollsSeen", d.pollsSeen);
        g.writeNumberField("pollsNotDrawn", d.pollsDropped);
        g.writeNumberField("parksSeen", d.parksSeen);
        g.writeNumberField("parksNotDrawn", d.parksDropped);
        strings("tasks", d.tasks);
        g.writeArrayFieldStart("polls");
        List<KeptPoll> polls = new ArrayList<>(d.polls);
        polls.sort(Comparator.comparingLong(KeptPoll::start));
        for (KeptPoll p : polls) {
            g.writeStartArray();
            g.writeNumber(lane.get(p.worker()));
            g.writeNumber(ms(p.start()));
            g.writeNumber(p.duration() / 1e6);
            g.writeNumber(p.delay() < 0 ? -1 : p.delay() / 1e6);
            g.writeNumber(p.task());
            g.writeNumber(p.stolen() ? 1 : 0);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("parks");
        for (KeptPark p : d.parks) {
            g.writeStartArray();
            g.writeNumber(lane.get(p.worker()));
            g.writeNumber(ms(p.start()));
            g.writeNumber(p.duration() / 1e6);
            g.writeNumber(p.queued());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeNumberField("bucketMs", d.bucketNanos / 1e6);
        g.writeArrayFieldStart("busy");
        for (Integer w : lanes) {
            double[] b = d.busy.getOrDefault(w, new double[PoolData.BUCKETS]);
            g.writeStartArray();
            for (double v : b) {
                g.writeNumber(Math.round(Math.min(1, v / d.bucketNanos) * 1000) / 1000.0);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        series(d);
        g.writeArrayFieldStart("delayHistogram");
        for (int i = 0; i < d.delayBins.length; i++) {
            if (d.delayBins[i] > 0) {
                g.writeStartArray();
                g.writeNumber(i == 0 ? 0 : (1L << (i - 1)) / 1e6);
                g.writeNumber(d.delayBins[i]);
                g.writeEndArray();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("longDelays");
        List<KeptPoll> delays = new ArrayList<>(d.longDelays);
        delays.sort(Comparator.comparingLong(KeptPoll::delay).reversed());
        for (KeptPoll p : delays) {
            g.writeStartObject();
            g.writeNumberField("worker", p.worker());
            g.writeNumberField("start", ms(p.start()));
            g.writeNumberField("duration", p.duration() / 1e6);
            g.writeNumberField("delay", p.delay() / 1e6);
            g.writeStringField("task", d.tasks.get(p.task()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("stuck");
        for (Stuck s : d.stuck) {
            g.writeStartArray();
            g.writeNumber(lane.get(s.worker()));
            g.writeNumber(ms(s.time()));
            g.writeNumber(Math.max(0, s.running()) / 1e6);
            g.writeString(s.task());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeFieldName("flame");
        d.flame.write(g);
    }

    private void series(PoolData d) throws IOException {
        g.writeObjectFieldStart("queue");
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < PoolData.BUCKETS; i++) {
            if (d.sampled[i]) {
                points.add(new double[] {(i + 0.5) * d.bucketNanos / 1e6, d.queueMax[i], d.activeMax[i]});
            }
        }
        for (int k = 0; k < 3; k++) {
            g.writeArrayFieldStart(new String[] {"t", "queued", "busy"}[k]);
            for (double[] p : points) {
                g.writeNumber(p[k]);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void strings(String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private double ms(long epochNanos) {
        return Math.round((epochNanos - from) / 1e3) / 1e3;
    }
}
