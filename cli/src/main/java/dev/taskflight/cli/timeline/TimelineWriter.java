package dev.taskflight.cli.timeline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.timeline.Lanes.Lane;
import dev.taskflight.cli.timeline.Nesting.Placed;
import dev.taskflight.cli.visual.EventPass;
import dev.taskflight.cli.visual.OutputTooLargeException;
import dev.taskflight.cli.visual.SchedulerEvents.GcPause;
import dev.taskflight.cli.visual.SchedulerEvents.JdkSlice;
import dev.taskflight.cli.visual.SchedulerEvents.Listener;
import dev.taskflight.cli.visual.SchedulerEvents.Park;
import dev.taskflight.cli.visual.SchedulerEvents.Poll;
import dev.taskflight.cli.visual.SchedulerEvents.QueueState;
import dev.taskflight.cli.visual.SchedulerEvents.Stuck;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.regex.Pattern;

/**
 * Writes a recording as a Chrome trace-event timeline that Perfetto and {@code chrome://tracing} open:
 * one process per pool, one lane per worker, polls and parks as slices with the JDK's events of that
 * thread nested inside, queue depth and busy workers as counters, polls in progress as instants.
 */
public final class TimelineWriter implements Listener {

    private static final int MAX_STACK_CHARS = 4000;
    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("[+/]0x[0-9a-fA-F]+.*$");

    /**
     * What to draw.
     *
     * @param base the recording's start, the timeline's zero, in epoch nanoseconds
     * @param from the window's start, in epoch nanoseconds
     * @param to the window's end, in epoch nanoseconds
     * @param pool the only pool drawn, {@code null} for all
     * @param minPollNanos polls and parks shorter than this are hidden, counted per lane
     * @param maxBytes the most bytes written before giving up
     * @param longPolls the analysis's long polls, explained
     */
    public record Options(long base, long from, long to, String pool, long minPollNanos, long maxBytes,
            List<LongPoll> longPolls) {
    }

    private final Options options;
    private final Map<String, LongPoll> explained = new HashMap<>();
    private final Lanes lanes = new Lanes();
    private final Nesting nesting = new Nesting();
    private TraceWriter trace;
    private long slices;

    /**
     * Creates a writer.
     *
     * @param options what to draw, not {@code null}
     */
    public TimelineWriter(Options options) {
        this.options = options;
        for (LongPoll p : options.longPolls()) {
            explained.put(key(p.pool(), p.worker(), DrawTimes.nanos(p.start())), p);
        }
    }

    /**
     * Reads the recording and writes the timeline.
     *
     * @param pass the recording, not {@code null}
     * @param out where the JSON goes, not {@code null}
     * @param progress told how far the pass is, not {@code null}
     * @throws IOException if it cannot be written, or {@link OutputTooLargeException} past the byte limit
     */
    public void write(EventPass pass, OutputStream out, DoubleConsumer progress) throws IOException {
        try (TraceWriter t = new TraceWriter(limited(out), options.base())) {
            trace = t;
            try {
                pass.run(this, progress);
                for (Map.Entry<Object, Placed> rest : nesting.rest()) {
                    Lane lane = (Lane) rest.getKey();
                    jdkSlice(lane, rest.getValue());
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            metadata();
            t.finish(this::otherData);
        }
    }

    @Override
    public void poll(Poll p) {
        if (!drawn(p.pool(), p.start(), p.end())) {
            return;
        }
        Lane lane = lanes.lane(p.pool(), p.worker(), p.thread());
        LongPoll explanation = explained.get(key(p.pool(), p.worker(), p.start()));
        container(lane, p.threadId(), p.virtualId(), p.start(), p.end(), explanation != null,
                (a, b) -> trace.slice(lane.pid, lane.tid, shortName(p.task()), explanation == null ? "poll" : "long poll",
                        a, b - a, g -> pollArgs(g, p, explanation, a != p.start() || b != p.end())));
    }

    @Override
    public void park(Park p) {
        if (!drawn(p.pool(), p.start(), p.start() + p.duration())) {
            return;
        }
        Lane lane = lanes.lane(p.pool(), p.worker(), p.thread());
        container(lane, p.threadId(), -1, p.start(), p.start() + p.duration(), false,
                (a, b) -> trace.slice(lane.pid, lane.tid, "park", "park", a, b - a, p.queued() < 0 ? null
                        : g -> g.writeNumberField("queuedAtWake", p.queued())));
    }

    @Override
    public void jdk(JdkSlice s) {
        if (s.end() >= options.from() && s.start() <= options.to()) {
            Nesting.Late late = nesting.add(s);
            if (late != null) {
                io(() -> jdkSlice((Lane) late.lane(), late.placed()));
            }
        }
    }

    @Override
    public void queue(QueueState q) {
        if (drawn(q.pool(), q.time(), q.time())) {
            int pid = lanes.pid(q.pool());
            io(() -> {
                trace.counter(pid, "queue depth", q.time(), "queued", q.queued());
                if (q.active() >= 0) {
                    trace.counter(pid, "busy workers", q.time(), "active", q.active());
                }
            });
        }
    }

    @Override
    public void gc(GcPause g) {
        if (g.start() + g.duration() >= options.from() && g.start() <= options.to() && g.duration() > 0) {
            long a = Math.max(g.start(), options.from());
            long b = Math.min(g.start() + g.duration(), options.to());
            io(() -> trace.slice(Lanes.JVM_PID, 1, g.name().isEmpty() ? "GC pause" : g.name(), "gc", a, b - a, null));
        }
    }

    @Override
    public void stuck(Stuck s) {
        if (drawn(s.pool(), s.time(), s.time())) {
            Lane lane = lanes.lane(s.pool(), s.worker(), null);
            io(() -> trace.instant(lane.pid, lane.tid, "poll in progress: " + shortName(s.task()), "poll-in-progress",
                    s.time(), g -> {
                        g.writeStringField("task", s.task());
                        g.writeStringField("runningFor", Units.duration(Math.max(0, s.running())));
                        String stack = s.stack();
                        g.writeStringField("stack", stack.length() > MAX_STACK_CHARS
                                ? stack.substring(0, MAX_STACK_CHARS) + "..." : stack);
                    }));
        }
    }

    /** Writes a slice's {@code [a, b]}, already clipped. */
    @FunctionalInterface
    private interface SliceWrite {
        void write(long a, long b) throws IOException;
    }

    private void container(Lane lane, long threadId, long virtualId, long start, long end, boolean keep,
            SliceWrite write) {
        List<Placed> before = new ArrayList<>();
        List<Placed> inside = new ArrayList<>();
        nesting.container(threadId, virtualId, lane, start, end, before, inside);
        io(() -> {
            for (Placed p : before) {
                jdkSlice(lane, p);
            }
            long a = Math.max(Math.max(start, options.from()), lane.lastEnd);
            long b = Math.min(end, options.to());
            if (b <= a && end > start) {
                lane.overlapping++;
                return;
            }
            if (!keep && end - start < options.minPollNanos()) {
                lane.hidden++;
                lane.hiddenNanos += end - start;
                return;
            }
            write.write(a, b);
            nesting.drawn(threadId, a, b);
            slices++;
            lane.lastEnd = b;
            for (Placed p : inside) {
                if (p.start() >= a && p.end() <= b) {
                    jdkSlice(lane, p);
                }
            }
        });
    }

    private void jdkSlice(Lane lane, Placed p) throws IOException {
        long a = Math.max(p.start(), options.from());
        long b = Math.min(p.end(), options.to());
        if (b > a) {
            JdkSlice s = p.slice();
            trace.slice(lane.pid, lane.tid, s.detail().isEmpty() ? s.name() : s.name() + " " + s.detail(), "jdk", a,
                    b - a, g -> g.writeStringField("duration", Units.duration(s.duration())));
            slices++;
        }
    }

    /** An ordinary poll's arguments say what its lane and slice do not; a long poll's say everything. */
    private static void pollArgs(JsonGenerator g, Poll p, LongPoll explanation, boolean clipped) throws IOException {
        g.writeStringField("task", p.task());
        if (p.delay() >= 0) {
            g.writeStringField("schedulingDelay", Units.duration(p.delay()));
        }
        if (p.stolen()) {
            g.writeBooleanField("stolen", true);
        }
        if (!p.virtualThread().isEmpty()) {
            g.writeStringField("virtualThread", p.virtualThread());
        }
        if (clipped) {
            g.writeBooleanField("clippedToWindow", true);
        }
        if (explanation != null) {
            g.writeStringField("pool", p.pool());
            g.writeNumberField("worker", p.worker());
            g.writeStringField("thread", p.thread());
            g.writeStringField("duration", Units.duration(p.duration()));
            g.writeNumberField("durationNanos", p.duration());
            g.writeStringField("severity", explanation.severity().id());
            g.writeStringField("explanation", explanation.explanation().describe());
            g.writeArrayFieldStart("causes");
            for (Cause c : explanation.explanation().causes()) {
                g.writeString(Units.percent(c.share()) + " " + c.kind().label()
                        + (c.subject().isEmpty() ? "" : " " + c.subject()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topFrames");
            for (FrameCount f : explanation.explanation().topFrames()) {
                g.writeString(f.frame() + " (" + f.samples() + ")");
            }
            g.writeEndArray();
        }
    }

    private void metadata() throws IOException {
        trace.metadata(Lanes.JVM_PID, 0, "process_name", "name", "JVM");
        trace.metadata(Lanes.JVM_PID, 1, "thread_name", "name", "GC pauses");
        trace.metadata(Lanes.JVM_PID, 0, "process_sort_index", "sort_index", 0);
        for (Map.Entry<String, Integer> pool : lanes.pools().entrySet()) {
            trace.metadata(pool.getValue(), 0, "process_name", "name", "pool " + pool.getKey());
            trace.metadata(pool.getValue(), 0, "process_sort_index", "sort_index", pool.getValue());
        }
        for (Lane lane : lanes.lanes()) {
            trace.metadata(lane.pid, lane.tid, "thread_name", "name", lane.name());
            trace.metadata(lane.pid, lane.tid, "thread_sort_index", "sort_index", lane.tid);
        }
    }

    private void otherData(JsonGenerator g) throws IOException {
        g.writeStringField("producer", "Taskflight jfr-analyze timeline");
        g.writeNumberField("recordingStartEpochNanos", options.base());
        g.writeNumberField("slices", slices);
        g.writeNumberField("jdkEventsDropped", nesting.dropped());
        g.writeArrayFieldStart("hidden");
        for (Lane lane : lanes.lanes()) {
            if (lane.hidden > 0 || lane.overlapping > 0) {
                g.writeStartObject();
                g.writeStringField("pool", lane.pool);
                g.writeNumberField("worker", lane.worker);
                g.writeNumberField("shortPollsAndParks", lane.hidden);
                g.writeStringField("shortTime", Units.duration(lane.hiddenNanos));
                g.writeNumberField("overlapping", lane.overlapping);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private boolean drawn(String pool, long start, long end) {
        return (options.pool() == null || options.pool().equals(pool)) && end >= options.from()
                && start <= options.to();
    }

    private static String key(String pool, int worker, long start) {
        return pool + "\u0000" + worker + "\u0000" + start;
    }

    /** Returns a class's simple name; a lambda's hidden-class suffix ({@code +0x...}, {@code /0x...}) is dropped. */
    static String shortName(String className) {
        if (className.isEmpty()) {
            return "task";
        }
        String name = HIDDEN_SUFFIX.matcher(className).replaceFirst("");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private OutputStream limited(OutputStream out) {
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                count(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                out.write(b, off, len);
            }

            private void count(int n) throws IOException {
                written += n;
                if (written > options.maxBytes()) {
                    throw new OutputTooLargeException("the timeline passed --max-size ("
                            + DrawTimes.bytes(options.maxBytes()) + ") while being written; nothing was written:"
                            + " narrow it with --from/--to, --pool or --min-poll, or raise --max-size");
                }
            }
        };
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
