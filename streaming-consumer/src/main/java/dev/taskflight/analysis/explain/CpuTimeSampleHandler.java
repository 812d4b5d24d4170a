package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** Reads {@code jdk.CPUTimeSample} (JDK 25 and later, Linux): CPU time of a thread, with its top frame. */
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
    public void handle(RecordedEvent event) {
        c.cpuSamples++;
        RecordedThread thread = Fields.getThread(event, "eventThread");
        long id = Fields.threadId(thread);
        String top = Fields.getBoolean(event, "failed", false) ? null : Frames.top(event.getStackTrace());
        c.groups.cpu(id, Fields.threadName(thread), top);
        if (c.threads.contains(id)) {
            long period = Fields.getDurationNanos(event, "samplingPeriod", 0);
            long time = Fields.epochNanos(event.getStartTime());
            List<String> callers = top == null ? List.of()
                    : Frames.callers(event.getStackTrace(), ExecutionSampleHandler.CALLERS);
            c.threads.forEach(id, time, time, w -> {
                w.causes.cpuTimeSample(top, period);
                w.causes.callers(callers);
            });
        }
    }
}
