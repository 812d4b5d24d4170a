package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.jdk.PinningAggregator;
import dev.taskflight.analysis.jdk.ThreadGroupAggregator;
import dev.taskflight.analysis.jdk.UnseenWorkAggregator;
import java.util.HashMap;
import java.util.Map;

/** What the JDK-event handlers of the second pass feed: windows, thread groups, pinning, pauses. */
final class Correlation {

    /** Long-poll windows by thread (worker and mounted virtual thread). */
    final WindowIndex<Long> threads = new WindowIndex<>();
    final WindowIndex<String> idlePools = new WindowIndex<>();
    /** Long scheduling delays by pool. */
    final WindowIndex<String> delayPools = new WindowIndex<>();
    final ThreadDirectory directory;
    final ThreadGroupAggregator groups;
    final PinningAggregator pinning;
    final UnseenWorkAggregator unseen;
    final JvmPauses pauses = new JvmPauses();
    final MachineLoad load = new MachineLoad();
    final Map<Long, Long> periodsByTypeId = new HashMap<>();
    final Map<String, Long> periodsByTypeName = new HashMap<>();
    long executionSampleTypeId = -1;
    long cpuSamples;

    Correlation(ThreadDirectory directory, ThreadGroupAggregator groups, PinningAggregator pinning) {
        this.directory = directory;
        this.groups = groups;
        this.pinning = pinning;
        this.unseen = new UnseenWorkAggregator(directory);
    }

    /** Feeds a CPU sample of a thread to the long polls and the waits it falls in. */
    void cpuSample(long threadId, long time, Frames.Site site, long cpuNanos, boolean execution) {
        String frame = site == null ? null : site.frame();
        String caller = site == null ? "" : site.caller();
        if (threads.contains(threadId)) {
            threads.forEach(threadId, time, time, w -> w.cpu(frame, caller, cpuNanos, execution));
        }
        if (!delayPools.isEmpty() && frame != null) {
            WorkerKey worker = directory.get(threadId);
            if (worker != null && delayPools.contains(worker.pool())) {
                String where = caller.isEmpty() ? frame : frame + " <- " + caller;
                delayPools.forEach(worker.pool(), time, time, w -> w.sites.add(where, 1));
            }
        }
    }

    /** Returns the execution-sampling period the recording states, or {@code dflt}. */
    long samplePeriod(long dflt) {
        Long byName = periodsByTypeName.get(JdkEventNames.EXECUTION_SAMPLE);
        if (byName != null) {
            return byName;
        }
        Long byId = periodsByTypeId.get(executionSampleTypeId);
        return byId == null ? dflt : byId;
    }
}
