package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        long duration = event.durationNanos();
        Frames.Site site = Frames.site(event);
        String where = site == null ? null : site.frame();
        String caller = site == null ? "" : site.caller();
        if (where == null) {
            where = event.getString(FieldNames.PINNED_REASON, null);
        }
        c.pinning.pinned(duration, where);
        long virtual = event.threadId(FieldNames.EVENT_THREAD);
        long carrier = event.threadId(FieldNames.CARRIER_THREAD);
        long id = c.threads.contains(virtual) ? virtual : carrier;
        if (c.threads.contains(id)) {
            long start = event.startNanos();
            long end = start + duration;
            String subject = where == null ? "" : where;
            c.threads.forEach(id, start, end, w -> w.blocked(CauseKind.PINNED, subject, caller, w.overlap(start, end)));
        }
    }
}
