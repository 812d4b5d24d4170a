package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.FileWrite}: writing a file, which one. */
final class FileWriteHandler extends BlockingEventHandler {

    FileWriteHandler(Correlation c) {
        super(c, JdkEventNames.FILE_WRITE, CauseKind.FILE_WRITE);
    }

    @Override
    String subject(RecordedEvent event) {
        return orEmpty(Fields.getString(event, "path", null));
    }
}
