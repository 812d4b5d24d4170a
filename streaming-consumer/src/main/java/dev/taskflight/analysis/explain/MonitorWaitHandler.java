package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.JavaMonitorWait}: in {@code Object.wait}, on which class. */
final class MonitorWaitHandler extends BlockingEventHandler {

    MonitorWaitHandler(Correlation c) {
        super(c, JdkEventNames.JAVA_MONITOR_WAIT, CauseKind.MONITOR_WAIT);
    }

    @Override
    Frames.Site subject(EventView event) {
        return plain(event.className(FieldNames.MONITOR_CLASS));
    }
}
