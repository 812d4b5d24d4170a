package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.SocketWrite}: writing a socket, which one. */
final class SocketWriteHandler extends BlockingEventHandler {

    SocketWriteHandler(Correlation c) {
        super(c, JdkEventNames.SOCKET_WRITE, CauseKind.SOCKET_WRITE);
    }

    @Override
    Frames.Site subject(EventView event) {
        String host = event.getString(FieldNames.HOST, "");
        if (host.isEmpty()) {
            host = event.getString(FieldNames.ADDRESS, "");
        }
        int port = event.getInt(FieldNames.PORT, -1);
        return plain(port < 0 ? host : host + ":" + port);
    }
}
