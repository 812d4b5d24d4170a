package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.SocketWrite}: writing a socket, which one. */
final class SocketWriteHandler extends BlockingEventHandler {

    SocketWriteHandler(Correlation c) {
        super(c, JdkEventNames.SOCKET_WRITE, CauseKind.SOCKET_WRITE);
    }

    @Override
    String subject(RecordedEvent event) {
        String host = Fields.getString(event, "host", "");
        if (host.isEmpty()) {
            host = Fields.getString(event, "address", "");
        }
        int port = Fields.getInt(event, "port", -1);
        return port < 0 ? host : host + ":" + port;
    }
}
