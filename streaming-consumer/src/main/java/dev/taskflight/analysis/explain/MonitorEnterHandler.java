package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.JavaMonitorEnter}: blocked entering a {@code synchronized} block, on which class. */
final class MonitorEnterHandler extends BlockingEventHandler {

    MonitorEnterHandler(Correlation c) {
        super(c, JdkEventNames.JAVA_MONITOR_ENTER, CauseKind.MONITOR_ENTER);
    }

    @Override
    String subject(RecordedEvent event) {
        return orEmpty(Fields.getClassName(event, "monitorClass"));
    }
}
