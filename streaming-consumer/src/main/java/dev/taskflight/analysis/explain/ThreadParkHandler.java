package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** Reads {@code jdk.ThreadPark}: parked, on which class; also counts parks of pool threads. */
final class ThreadParkHandler extends BlockingEventHandler {

    ThreadParkHandler(Correlation c) {
        super(c, JdkEventNames.THREAD_PARK, CauseKind.PARK);
    }

    @Override
    String subject(RecordedEvent event) {
        return orEmpty(Fields.getClassName(event, "parkedClass"));
    }

    @Override
    void alsoSeen(RecordedEvent event, RecordedThread thread, long threadId, long durationNanos) {
        c.groups.park(threadId, Fields.threadName(thread), durationNanos, Fields.getClassName(event, "parkedClass"));
    }
}
