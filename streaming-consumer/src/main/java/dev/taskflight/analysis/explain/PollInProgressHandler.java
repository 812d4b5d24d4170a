package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

/**
 * Reads {@code taskflight.PollInProgress}: the stack the recorder's watchdog took of a worker stuck
 * in a long poll; its code site (the first application frame) counts among the poll's top frames.
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
    public void handle(EventView event) {
        String pool = event.getString(FieldNames.POOL, null);
        if (pool != null) {
            c.unseen.inPoll(new WorkerKey(pool, event.getInt(FieldNames.WORKER, -1)));
        }
        Frames.Site site = Frames.site(event.getString(FieldNames.STACK, ""));
        String frame = site == null ? null : site.frame();
        if (frame == null) {
            return;
        }
        long virtual = event.threadId(FieldNames.VIRTUAL_THREAD);
        long worker = event.threadId(FieldNames.WORKER_THREAD);
        long id = c.threads.contains(worker) ? worker : virtual;
        if (c.threads.contains(id)) {
            long time = event.startNanos();
            c.threads.forEach(id, time, time, w -> {
                if (w.causes != null) {
                    w.causes.watchdogStack(frame);
                }
            });
        }
    }

    /** Returns the innermost frame of a watchdog stack ({@link Frames#innermost(String)}). */
    static String innermostFrame(String stack) {
        return Frames.innermost(stack);
    }
}
