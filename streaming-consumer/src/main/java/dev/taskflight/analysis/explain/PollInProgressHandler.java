package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
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

    /** Returns the innermost frame of a watchdog stack ({@link Frames#innermost(String)}). */
    static String innermostFrame(String stack) {
        return Frames.innermost(stack);
    }
}
