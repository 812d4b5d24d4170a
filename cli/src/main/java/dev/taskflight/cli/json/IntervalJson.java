package dev.taskflight.cli.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.KeyValueFormat;
import dev.taskflight.analysis.live.PoolSnapshot;
import dev.taskflight.analysis.live.StuckPoll;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON lines for log shippers: one compact object per pool per interval ({@code "record":"interval"}),
 * one per long-poll or idle-worker finding ({@code "record":"finding"}), one per poll still running
 * ({@code "record":"still-running"}), and one when the interval's CPU samples caught application code that
 * Taskflight did not see ({@code "record":"unseen"}, with the fields of {@code jfr-analyze --format json}'s
 * {@code unseen}). Durations in nanoseconds, as in {@code jfr-analyze --format json};
 * an unknown value ({@code busyRatio}, {@code queueMax}) is left out; schema: docs/streaming.md.
 */
public final class IntervalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IntervalJson() {
    }

    /**
     * Returns the lines of one interval, without line terminators.
     *
     * @param interval the interval, not {@code null}
     * @return the lines, not {@code null}
     */
    public static List<String> lines(IntervalReport interval) {
        List<String> lines = new ArrayList<>();
        for (PoolSnapshot p : interval.pools()) {
            lines.add(pool(interval, p).toString());
        }
        for (Finding f : KeyValueFormat.warnings(interval)) {
            ObjectNode o = header(interval, "finding");
            o.setAll(JsonReport.finding(f));
            lines.add(o.toString());
        }
        for (StuckPoll p : interval.stillRunning()) {
            lines.add(stillRunning(interval, p).toString());
        }
        if (interval.unseen().any()) {
            ObjectNode o = header(interval, "unseen");
            o.setAll(JsonReport.unseen(interval.unseen()));
            lines.add(o.toString());
        }
        return lines;
    }

    static ObjectNode pool(IntervalReport interval, PoolSnapshot p) {
        ObjectNode o = header(interval, "interval");
        o.put("pool", p.pool());
        o.put("kind", p.kind());
        o.put("workers", p.workers());
        o.put("polls", p.polls());
        o.put("pollsLowerBound", p.pollsLowerBound());
        if (p.busyRatio() >= 0) {
            o.put("busyRatio", p.busyRatio());
        }
        ArrayNode busy = o.putArray("workerBusy");
        for (PoolSnapshot.WorkerBusy w : p.workerBusy()) {
            ObjectNode b = busy.addObject().put("worker", w.worker());
            if (w.busyRatio() >= 0) {
                b.put("busyRatio", w.busyRatio());
            }
        }
        o.put("idleWorkers", p.idleWorkers());
        o.put("parks", p.parks());
        o.put("longPolls", p.longPolls());
        o.put("longestPollNanos", p.longestPollNanos());
        o.put("topCause", p.topCause());
        o.put("causes", p.causes());
        ObjectNode delay = o.putObject("schedulingDelay");
        delay.put("count", p.delayCount());
        delay.put("p50Nanos", p.delayP50Nanos());
        delay.put("p99Nanos", p.delayP99Nanos());
        delay.put("maxNanos", p.delayMaxNanos());
        if (p.queueMax() >= 0) {
            o.put("queueMax", p.queueMax());
        }
        o.put("steals", p.steals());
        ArrayNode findings = o.putArray("findings");
        p.findings().forEach(f -> findings.addObject().put("type", f.type()).put("severity", f.severity().id()));
        return o;
    }

    static ObjectNode stillRunning(IntervalReport interval, StuckPoll p) {
        ObjectNode o = header(interval, "still-running");
        o.put("pool", p.pool());
        o.put("worker", p.worker());
        o.put("thread", p.thread());
        o.put("runningForNanos", p.runningNanos());
        o.put("since", p.since().toString());
        o.put("taskClass", p.taskClass());
        o.put("topFrame", p.topFrame());
        o.put("state", p.state());
        return o;
    }

    private static ObjectNode header(IntervalReport interval, String record) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("record", record);
        o.put("start", interval.start().toString());
        o.put("end", interval.end().toString());
        return o;
    }
}
