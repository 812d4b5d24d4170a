package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.JavaMonitorWait}: in {@code Object.wait}, on which class. */
final class MonitorWaitHandler extends BlockingEventHandler {

    MonitorWaitHandler(Correlation c) {
        super(c, JdkEventNames.JAVA_MONITOR_WAIT, CauseKind.MONITOR_WAIT);
    }

    @Override
    String subject(RecordedEvent event) {
        return orEmpty(Fields.getClassName(event, "monitorClass"));
    }
}
