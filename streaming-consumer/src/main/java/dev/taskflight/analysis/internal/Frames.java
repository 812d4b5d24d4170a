package dev.taskflight.analysis.internal;

import dev.taskflight.analysis.read.EventView;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

/** Names stack frames the way the reports show them ({@code com.acme.Type.method}), and finds code sites. */
public final class Frames {

    /** Frames of these packages are the JDK's, the JVM's or a known framework layer's, never a code site. */
    private static final String[] NOT_APPLICATION = {"java.", "javax.", "jdk.", "sun.", "com.sun.",
        "dev.taskflight.recorder.", "dev.taskflight.agent.", "dev.taskflight.events.", "org.apache.tomcat.",
        "org.apache.catalina.", "org.apache.coyote.", "org.eclipse.jetty.", "io.netty.", "io.undertow.",
        "org.jboss.threads.", "org.xnio.", "kotlinx.coroutines.", "kotlin.coroutines.", "reactor.core.",
        "reactor.netty.", "org.springframework.", "net.bytebuddy."};

    /** How deep a stack is searched for a code site. */
    private static final int SITE_DEPTH = 64;

    private Frames() {
    }

    /**
     * Returns the first line of a stack written as text ({@code taskflight.PollInProgress}, one
     * {@code StackTraceElement} per line) as {@code type.method}: without {@code at }, a module prefix
     * or the {@code (File.java:12)} suffix; {@code null} for an empty stack.
     */
    public static String innermost(String stack) {
        List<String> lines = lines(stack, 1);
        return lines.isEmpty() ? null : lines.get(0);
    }

    /** Returns up to {@code max} frames of a stack written as text, innermost first, each as {@code type.method}. */
    public static List<String> lines(String stack, int max) {
        List<String> frames = new ArrayList<>();
        for (String raw : (Iterable<String>) stack.strip().lines()::iterator) {
            if (frames.size() == max) {
                break;
            }
            String line = raw.strip();
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
            if (!line.isEmpty()) {
                frames.add(line);
            }
        }
        return frames;
    }

    /** Returns the event's top frame, or {@code null} without a stack trace. */
    public static String top(EventView event) {
        return event.frameCount() == 0 ? null : event.frame(0);
    }

    /**
     * Returns the callers of the event's top frame, up to {@code depth} of them, without repeats of a
     * method already listed (recursion).
     */
    public static List<String> callers(EventView event, int depth) {
        int n = event.frameCount();
        if (n == 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>(depth);
        String top = event.frame(0);
        for (int i = 1; i < n && names.size() < depth; i++) {
            String name = event.frame(i);
            if (!name.equals(top) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Returns the event's code site: the first frame that is not the JDK's, the JVM's or a known
     * framework layer's, with its caller; the top frame if no frame qualifies; {@code null} without
     * frames.
     */
    public static Site site(EventView event) {
        int n = Math.min(event.frameCount(), SITE_DEPTH);
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            String name = event.frame(i);
            if (isApplication(name)) {
                return new Site(name, callerOf(event, i, n));
            }
        }
        return new Site(event.frame(0), callerOf(event, 0, n));
    }

    /** Returns the code site of a stack written as text, as {@link #site(EventView)} does; {@code null} if empty. */
    public static Site site(String stack) {
        List<String> frames = lines(stack, SITE_DEPTH);
        if (frames.isEmpty()) {
            return null;
        }
        for (int i = 0; i < frames.size(); i++) {
            if (isApplication(frames.get(i))) {
                return new Site(frames.get(i), callerOf(frames.get(i), frames.subList(i + 1, frames.size())));
            }
        }
        return new Site(frames.get(0), callerOf(frames.get(0), frames.subList(1, frames.size())));
    }

    /**
     * Returns whether a frame ({@code type.method}) is the application's: not the JDK's, a known
     * framework's, or a generated lambda class's.
     */
    public static boolean isApplication(String frame) {
        for (String p : NOT_APPLICATION) {
            if (frame.startsWith(p)) {
                return false;
            }
        }
        return !frame.startsWith("<") && !isLambda(frame);
    }

    private static boolean isLambda(String frame) {
        return frame.contains("$$Lambda");
    }

    /** The caller of frame {@code i}: the next application frame, else the next frame that is not a lambda's. */
    private static String callerOf(EventView event, int i, int n) {
        List<String> rest = new ArrayList<>();
        for (int j = i + 1; j < n; j++) {
            rest.add(event.frame(j));
        }
        return callerOf(event.frame(i), rest);
    }

    private static String callerOf(String self, List<String> rest) {
        String fallback = "";
        for (String name : rest) {
            if (name.equals(self) || isLambda(name)) {
                continue;
            }
            if (isApplication(name)) {
                return name;
            }
            if (fallback.isEmpty()) {
                fallback = name;
            }
        }
        return fallback;
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

    /**
     * A code site: an application frame and its caller.
     *
     * @param frame the frame, {@code type.method}, not {@code null}
     * @param caller the frame that called it, {@code ""} if none
     */
    public record Site(String frame, String caller) {

        /** Returns the frame with its caller: {@code com.acme.Helper.work <- com.acme.Api.get}. */
        public String where() {
            return caller.isEmpty() ? frame : frame + " <- " + caller;
        }
    }
}
