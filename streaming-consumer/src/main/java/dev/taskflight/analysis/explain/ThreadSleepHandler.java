package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.report.CauseKind;

/** Reads {@code jdk.ThreadSleep}: in {@code Thread.sleep}, named by the application frame that slept. */
final class ThreadSleepHandler extends BlockingEventHandler {

    ThreadSleepHandler(Correlation c) {
        super(c, JdkEventNames.THREAD_SLEEP, CauseKind.SLEEP);
    }

    @Override
    Frames.Site subject(EventView event) {
        return site(event);
    }
}
