package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;

/** Reads {@code jdk.CPUTimeSample} (JDK 25 and later, Linux): CPU time of a thread, at a code site. */
final class CpuTimeSampleHandler implements EventHandler {

    private final Correlation c;

    CpuTimeSampleHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.CPU_TIME_SAMPLE;
    }

    @Override
    public void handle(EventView event) {
        c.cpuSamples++;
        long id = event.threadId(FieldNames.EVENT_THREAD);
        Frames.Site site = event.getBoolean(FieldNames.FAILED, false) ? null : Frames.site(event);
        c.groups.cpu(id, event.threadName(FieldNames.EVENT_THREAD), site == null ? null : site.frame());
        c.unseen.cpu(id, event.threadName(FieldNames.EVENT_THREAD), event.threadVirtual(FieldNames.EVENT_THREAD), site,
                false);
        c.cpuSample(id, event.startNanos(), site, event.getNanos(FieldNames.SAMPLING_PERIOD, 0), false);
    }
}
