package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.FileRead}: reading a file, which one. */
final class FileReadHandler extends BlockingEventHandler {

    FileReadHandler(Correlation c) {
        super(c, JdkEventNames.FILE_READ, CauseKind.FILE_READ);
    }

    @Override
    Frames.Site subject(EventView event) {
        return plain(event.getString(FieldNames.PATH, null));
    }
}
