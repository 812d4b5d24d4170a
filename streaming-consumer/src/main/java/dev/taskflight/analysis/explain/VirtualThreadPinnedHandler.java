package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Reads {@code jdk.VirtualThreadPinned} (JDK 21 and later): a virtual thread that blocked while
 * pinned to its carrier, and where. The event thread is the virtual thread; JDK 24 and later also
 * name the carrier.
 */
final class VirtualThreadPinnedHandler implements EventHandler {

    private final Correlation c;

    VirtualThreadPinnedHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.VIRTUAL_THREAD_PINNED;
    }

    @Override
    public void handle(RecordedEvent event) {
        long duration = Fields.nanos(event.getDuration());
        String where = Frames.firstApplicationFrame(event.getStackTrace());
        if (where == null) {
            where = Fields.getString(event, "pinnedReason", null);
        }
        c.pinning.pinned(duration, where);
        long virtual = Fields.threadId(Fields.getThread(event, "eventThread"));
        long carrier = Fields.threadId(Fields.getThread(event, "carrierThread"));
        long id = c.threads.contains(virtual) ? virtual : carrier;
        if (c.threads.contains(id)) {
            long start = Fields.epochNanos(event.getStartTime());
            long end = start + duration;
            String subject = where == null ? "" : where;
            c.threads.forEach(id, start, end, w -> w.causes.blocked(CauseKind.PINNED, subject, w.overlap(start, end)));
        }
    }
}
