package dev.taskflight.cli.timeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams Chrome trace-event JSON ({@code {"traceEvents": [...]}}) as it is given, never holding it
 * in memory. Times are nanoseconds since the epoch, written as microseconds since {@code base} with
 * nanosecond digits, exactly (no floating point).
 */
final class TraceWriter implements AutoCloseable {

    /** Writes an event's {@code args}. */
    @FunctionalInterface
    interface Args {
        void write(JsonGenerator g) throws IOException;
    }

    private final JsonGenerator g;
    private final long base;

    TraceWriter(OutputStream out, long base) throws IOException {
        this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        this.base = base;
        g.writeStartObject();
        g.writeStringField("displayTimeUnit", "ms");
        g.writeArrayFieldStart("traceEvents");
    }

    /** A complete slice ({@code X}). */
    void slice(int pid, int tid, String name, String cat, long start, long duration, Args args) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "X");
        common(pid, tid, name, cat, start);
        g.writeFieldName("dur");
        g.writeNumber(micros(duration));
        args(args);
        g.writeEndObject();
    }

    /** An instant on one thread ({@code i}, scope {@code t}). */
    void instant(int pid, int tid, String name, String cat, long time, Args args) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "i");
        g.writeStringField("s", "t");
        common(pid, tid, name, cat, time);
        args(args);
        g.writeEndObject();
    }

    /** A counter track value ({@code C}). */
    void counter(int pid, String name, long time, String series, long value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "C");
        common(pid, 0, name, "counter", time);
        g.writeObjectFieldStart("args");
        g.writeNumberField(series, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A metadata event ({@code M}) such as {@code process_name} or {@code thread_sort_index}. */
    void metadata(int pid, int tid, String name, String key, Object value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Number) {
            g.writeNumberField(key, ((Number) value).longValue());
        } else {
            g.writeStringField(key, String.valueOf(value));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Ends the event array and writes {@code otherData}, the trace's own description. */
    void finish(Args otherData) throws IOException {
        g.writeEndArray();
        g.writeObjectFieldStart("otherData");
        otherData.write(g);
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    private void common(int pid, int tid, String name, String cat, long time) throws IOException {
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(micros(time - base));
    }

    private void args(Args args) throws IOException {
        if (args != null) {
            g.writeObjectFieldStart("args");
            args.write(g);
            g.writeEndObject();
        }
    }

    /** Nanoseconds as an exact decimal number of microseconds. */
    static String micros(long nanos) {
        long abs = Math.abs(nanos);
        String frac = String.valueOf(1000 + abs % 1000).substring(1);
        return (nanos < 0 ? "-" : "") + abs / 1000 + "." + frac;
    }
}
