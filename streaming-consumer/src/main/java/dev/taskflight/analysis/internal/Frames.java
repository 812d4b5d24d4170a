package dev.taskflight.analysis.internal;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/** Names stack frames the way the reports show them: {@code com.acme.Type.method}. */
public final class Frames {

    private Frames() {
    }

    /**
     * Returns the first line of a stack written as text ({@code taskflight.PollInProgress}, one
     * {@code StackTraceElement} per line) as {@code type.method}: without {@code at }, a module prefix
     * or the {@code (File.java:12)} suffix; {@code null} for an empty stack.
     */
    public static String innermost(String stack) {
        String line = stack.strip().lines().findFirst().orElse("").strip();
        if (line.startsWith("at ")) {
            line = line.substring(3).strip();
        }
        int paren = line.indexOf('(');
        if (paren >= 0) {
            line = line.substring(0, paren);
        }
        int slash = line.lastIndexOf('/');
        if (slash >= 0) {
            line = line.substring(slash + 1);
        }
        return line.isEmpty() ? null : line;
    }

    /** Returns the top frame's method, or {@code null} when the stack trace is missing or empty. */
    public static String top(RecordedStackTrace stack) {
        if (stack == null) {
            return null;
        }
        List<RecordedFrame> frames = stack.getFrames();
        return frames.isEmpty() ? null : name(frames.get(0));
    }

    /**
     * Returns the callers of the top frame, up to {@code depth} of them, without repeats of a method
     * already listed (recursion).
     */
    public static List<String> callers(RecordedStackTrace stack, int depth) {
        if (stack == null) {
            return List.of();
        }
        List<RecordedFrame> frames = stack.getFrames();
        List<String> names = new java.util.ArrayList<>(depth);
        String top = frames.isEmpty() ? null : name(frames.get(0));
        for (int i = 1; i < frames.size() && names.size() < depth; i++) {
            String n = name(frames.get(i));
            if (!n.equals(top) && !names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * Returns the first frame outside the JDK ({@code java.}, {@code jdk.}, {@code sun.}), the top
     * frame if every frame is the JDK's, or {@code null} without frames.
     */
    public static String firstApplicationFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (!(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
                return name;
            }
        }
        return name(stack.getFrames().get(0));
    }

    /** Returns {@code type.method} of a frame. */
    public static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "<unknown>";
        }
        String type = method.getType() == null ? "<unknown>" : method.getType().getName();
        return type + "." + method.getName();
    }
}
