package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.ExecutionSample}: a thread on CPU, at a code site. */
final class ExecutionSampleHandler implements EventHandler {

    private final Correlation c;

    ExecutionSampleHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.EXECUTION_SAMPLE;
    }

    @Override
    public void handle(EventView event) {
        c.executionSampleTypeId = event.typeId();
        c.cpuSamples++;
        long id = event.threadId(FieldNames.SAMPLED_THREAD);
        if (id < 0) {
            id = event.threadId(FieldNames.EVENT_THREAD);
        }
        Frames.Site site = Frames.site(event);
        c.groups.cpu(id, threadName(event), site == null ? null : site.frame());
        c.unseen.cpu(id, threadName(event), event.threadVirtual(FieldNames.SAMPLED_THREAD), site, true);
        c.cpuSample(id, event.startNanos(), site, 0, true);
    }

    private static String threadName(EventView event) {
        String name = event.threadName(FieldNames.SAMPLED_THREAD);
        return name.isEmpty() ? event.threadName(FieldNames.EVENT_THREAD) : name;
    }
}
