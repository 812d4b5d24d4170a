package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.FileRead}: reading a file, which one. */
final class FileReadHandler extends BlockingEventHandler {

    FileReadHandler(Correlation c) {
        super(c, JdkEventNames.FILE_READ, CauseKind.FILE_READ);
    }

    @Override
    String subject(RecordedEvent event) {
        return orEmpty(Fields.getString(event, "path", null));
    }
}
