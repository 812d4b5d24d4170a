package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;

/** Reads the machine's CPU use: {@code jdk.CPULoad}'s {@code machineTotal}. */
final class CpuLoadHandler implements EventHandler {

    private final Correlation c;

    CpuLoadHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.CPU_LOAD;
    }

    @Override
    public void handle(EventView event) {
        double machine = event.getDouble(FieldNames.MACHINE_TOTAL, -1);
        if (machine >= 0) {
            c.load.add(event.startNanos(), machine);
        }
    }
}
