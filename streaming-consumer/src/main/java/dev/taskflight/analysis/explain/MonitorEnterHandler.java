package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.JavaMonitorEnter}: blocked entering a {@code synchronized} block, on which class. */
final class MonitorEnterHandler extends BlockingEventHandler {

    MonitorEnterHandler(Correlation c) {
        super(c, JdkEventNames.JAVA_MONITOR_ENTER, CauseKind.MONITOR_ENTER);
    }

    @Override
    Frames.Site subject(EventView event) {
        return plain(event.className(FieldNames.MONITOR_CLASS));
    }

    @Override
    void alsoSeen(EventView event, long threadId, long durationNanos) {
        c.groups.blocked(threadId, event.threadName(FieldNames.EVENT_THREAD), CauseKind.MONITOR_ENTER, durationNanos,
                () -> subject(event).frame());
    }
}
