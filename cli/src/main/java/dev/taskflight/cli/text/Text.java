package dev.taskflight.cli.text;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.RecordingInfo;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.analysis.report.WorkerReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Pieces of the text output shared by the commands. */
public final class Text {

    private Text() {
    }

    /** Writes the first line: what was analyzed. */
    public static void recording(PrintWriter out, RecordingInfo r) {
        StringBuilder b = new StringBuilder(r.source()).append(": ");
        if (r.start() != null && r.end() != null) {
            b.append(Units.duration(Duration.between(r.start(), r.end()).toNanos())).append(" recorded from ")
                    .append(Units.time(r.start())).append(" UTC, ");
        }
        b.append(r.chunks()).append(r.truncated() ? " complete" : "").append(r.chunks() == 1 ? " chunk, " : " chunks, ").append(bytes(r.sizeBytes()))
                .append("; ").append(r.taskflightEvents()).append(" Taskflight events");
        if (r.truncated()) {
            b.append(" (truncated: read up to the damage)");
        }
        out.println(b);
    }

    /** Writes one finding, indented. */
    public static void finding(PrintWriter out, String indent, Finding f) {
        out.println(indent + String.format(Locale.ROOT, "%-8s %s: %s", f.severity(), f.type(), f.message()));
    }

    /** Writes the notes as "note:" lines. */
    public static void notes(PrintWriter out, List<String> notes) {
        notes.forEach(n -> out.println("note: " + n));
    }

    /** The line of a recording without CPU samples: whether application code ran unseen is unknown. */
    public static final String NOT_CHECKED = "Not checked: the recording has no CPU samples, so whether application"
            + " code ran where Taskflight did not see it is unknown; record with settings=default (or profile) as"
            + " well to check it.";

    /**
     * Returns the lines that name the application code that Taskflight did not see run (on threads outside
     * every pool seen, or on workers never seen running a task): a count, then
     * the threads with the most CPU samples, one a line; none when there was none; {@link #NOT_CHECKED}
     * when the recording has no CPU samples to tell.
     */
    public static List<String> unseen(UnseenWork u) {
        List<String> lines = new ArrayList<>();
        if (!u.checked()) {
            lines.add(NOT_CHECKED);
            return lines;
        }
        if (!u.any()) {
            return lines;
        }
        lines.add(String.format(Locale.ROOT,
                "Not seen: %d thread%s ran application code that Taskflight did not see (%d CPU sample%s); the"
                        + " verdict does not cover %s:", u.threads(), u.threads() == 1 ? "" : "s", u.cpuSamples(),
                u.cpuSamples() == 1 ? "" : "s", u.threads() == 1 ? "it" : "them"));
        for (UnseenWork.UnseenThread t : u.top()) {
            lines.add(String.format(Locale.ROOT, "  %s: %d sample%s, most in %s", t.thread(), t.cpuSamples(),
                    t.cpuSamples() == 1 ? "" : "s", t.site()));
        }
        if (u.threads() > u.top().size()) {
            lines.add("  and " + (u.threads() - u.top().size()) + " more");
        }
        return lines;
    }

    /** Returns a pool's one-line identity: kind, parallelism, instrumentation. */
    public static String identity(PoolReport p) {
        StringBuilder b = new StringBuilder(p.kind().isEmpty() ? "kind unknown" : p.kind());
        if (p.parallelism() >= 0) {
            b.append(", parallelism ").append(p.parallelism());
        }
        if (!p.instrumentation().isEmpty()) {
            b.append(", ").append(p.instrumentation());
        }
        return b.toString();
    }

    /** Returns a pool's or worker's activity: polls, busy, idle, parks, steals. */
    public static String activity(WorkerReport w) {
        StringBuilder b = new StringBuilder().append(w.polls()).append(" polls");
        if (w.busyRatio() >= 0) {
            b.append(", busy ").append(Units.percent(w.busyRatio()));
        }
        b.append(", idle ").append(Units.duration(w.idleNanos())).append(", ").append(w.parks()).append(" parks, ")
                .append(w.steals()).append(" steals");
        if (!w.fromCounters()) {
            b.append(" (from the events seen)");
        }
        return b.toString();
    }

    /**
     * Writes, when the pool's own steal count (its queue samples) differs from its workers' steal
     * counters, a line saying why: they count different things.
     */
    public static void steals(PrintWriter out, PoolReport p) {
        long pool = p.queue() == null ? -1 : p.queue().steals();
        long workers = p.totals().steals();
        if (pool >= 0 && pool != workers && p.totals().fromCounters()) {
            out.println("  steals: " + workers + " by the workers' counters (tasks taken from another worker's queue), "
                    + pool + " by the pool's own count (ForkJoinPool.getStealCount: also tasks taken from submission"
                    + " queues, updated when a worker ends a scan)");
        }
    }

    /** Returns percentiles, or {@code "not measured"}. */
    public static String delay(DelayReport d) {
        if (d.count() == 0) {
            return "not measured";
        }
        return "p50 " + Units.duration(d.p50()) + ", p90 " + Units.duration(d.p90()) + ", p99 " + Units.duration(d.p99())
                + ", max " + Units.duration(d.max()) + " (" + d.count() + (d.count() == 1 ? " task" : " tasks") + " measured)";
    }

    /** Returns frames as {@code a.B.m (12), c.D.n (3)}. */
    public static String frames(List<FrameCount> frames) {
        return frames.stream().map(f -> (f.frame().isEmpty() ? "?" : f.frame()) + " (" + f.samples() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Returns a byte count as {@code 1.2 MB}. */
    public static String bytes(long n) {
        if (n < 0) {
            return "size unknown";
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
