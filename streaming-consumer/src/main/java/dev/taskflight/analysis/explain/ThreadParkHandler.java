package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/**
 * Reads {@code jdk.ThreadPark}: parked, on which blocker class; a park without a blocker
 * ({@code LockSupport.parkNanos(long)}) is named by the application frame that parked, with its
 * caller. Also counts parks of pool threads.
 */
final class ThreadParkHandler extends BlockingEventHandler {

    ThreadParkHandler(Correlation c) {
        super(c, JdkEventNames.THREAD_PARK, CauseKind.PARK);
    }

    @Override
    Frames.Site subject(EventView event) {
        String blocker = event.className(FieldNames.PARKED_CLASS);
        return blocker == null ? site(event) : plain(blocker);
    }

    @Override
    void alsoSeen(EventView event, long threadId, long durationNanos) {
        String name = event.threadName(FieldNames.EVENT_THREAD);
        if (!c.groups.isPoolThread(threadId, name)) {
            return;
        }
        String blocker = event.className(FieldNames.PARKED_CLASS);
        Frames.Site site = Frames.site(event);
        c.groups.park(threadId, name, durationNanos, blocker != null || site == null ? blocker : site.frame());
        if (site != null && Frames.isApplication(site.frame())) {
            c.groups.blocked(threadId, name, CauseKind.PARK, durationNanos,
                    () -> blocker == null ? site.where() : blocker);
        }
    }
}
