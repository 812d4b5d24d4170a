package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.ThreadSleep}: in {@code Thread.sleep}, named by the application frame that slept. */
final class ThreadSleepHandler extends BlockingEventHandler {

    ThreadSleepHandler(Correlation c) {
        super(c, JdkEventNames.THREAD_SLEEP, CauseKind.SLEEP);
    }

    @Override
    Frames.Site subject(EventView event) {
        return site(event);
    }

    @Override
    void alsoSeen(EventView event, long threadId, long durationNanos) {
        c.groups.blocked(threadId, event.threadName(FieldNames.EVENT_THREAD), CauseKind.SLEEP, durationNanos,
                () -> subject(event).where());
    }
}
