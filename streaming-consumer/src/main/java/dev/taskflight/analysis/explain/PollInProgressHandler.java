package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Reads {@code taskflight.PollInProgress}: the stack the recorder's watchdog took of a worker stuck
 * in a long poll; its innermost frame counts among the poll's top frames.
 */
final class PollInProgressHandler implements EventHandler {

    private final Correlation c;

    PollInProgressHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return EventNames.POLL_IN_PROGRESS;
    }

    @Override
    public void handle(RecordedEvent event) {
        String frame = innermostFrame(Fields.getString(event, "stack", ""));
        if (frame == null) {
            return;
        }
        long virtual = Fields.threadId(Fields.getThread(event, "virtualThread"));
        long worker = Fields.threadId(Fields.getThread(event, "workerThread"));
        long id = c.threads.contains(worker) ? worker : virtual;
        if (c.threads.contains(id)) {
            long time = Fields.epochNanos(event.getStartTime());
            c.threads.forEach(id, time, time, w -> w.causes.watchdogStack(frame));
        }
    }

    /**
     * Returns the first line of a stack as {@code type.method}: without {@code at }, a module prefix
     * or the {@code (File.java:12)} suffix; {@code null} for an empty stack.
     */
    static String innermostFrame(String stack) {
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
}
