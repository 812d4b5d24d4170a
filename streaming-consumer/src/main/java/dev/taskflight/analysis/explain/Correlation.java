package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.jdk.PinningAggregator;
import dev.taskflight.analysis.jdk.ThreadGroupAggregator;
import java.util.HashMap;
import java.util.Map;

/** What the JDK-event handlers of the second pass feed: windows, thread groups, pinning. */
final class Correlation {

    final WindowIndex<Long> threads = new WindowIndex<>();
    final WindowIndex<String> idlePools = new WindowIndex<>();
    final ThreadGroupAggregator groups;
    final PinningAggregator pinning;
    final Map<Long, Long> periodsByTypeId = new HashMap<>();
    long executionSampleTypeId = -1;
    long cpuSamples;

    Correlation(ThreadGroupAggregator groups, PinningAggregator pinning) {
        this.groups = groups;
        this.pinning = pinning;
    }
}
