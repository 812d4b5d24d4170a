package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/** Reads {@code jdk.ExecutionSample}: a thread on CPU, with its top frame. */
final class ExecutionSampleHandler implements EventHandler {

    /** Callers of the top frame counted per sample. */
    static final int CALLERS = 2;

    private final Correlation c;

    ExecutionSampleHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.EXECUTION_SAMPLE;
    }

    @Override
    public void handle(RecordedEvent event) {
        c.executionSampleTypeId = event.getEventType().getId();
        c.cpuSamples++;
        RecordedThread thread = Fields.getThread(event, "sampledThread");
        long id = Fields.threadId(thread);
        String top = Frames.top(event.getStackTrace());
        c.groups.cpu(id, Fields.threadName(thread), top);
        if (c.threads.contains(id)) {
            long time = Fields.epochNanos(event.getStartTime());
            List<String> callers = Frames.callers(event.getStackTrace(), CALLERS);
            c.threads.forEach(id, time, time, w -> {
                w.causes.executionSample(top);
                w.causes.callers(callers);
            });
        }
    }
}
