package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.FileWrite}: writing a file, which one. */
final class FileWriteHandler extends BlockingEventHandler {

    FileWriteHandler(Correlation c) {
        super(c, JdkEventNames.FILE_WRITE, CauseKind.FILE_WRITE);
    }

    @Override
    Frames.Site subject(EventView event) {
        return plain(event.getString(FieldNames.PATH, null));
    }
}
