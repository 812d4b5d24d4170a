package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.report.CauseKind;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code jdk.ThreadSleep}: in {@code Thread.sleep}. */
final class ThreadSleepHandler extends BlockingEventHandler {

    ThreadSleepHandler(Correlation c) {
        super(c, JdkEventNames.THREAD_SLEEP, CauseKind.SLEEP);
    }

    @Override
    String subject(RecordedEvent event) {
        return "";
    }
}
