package dev.taskflight.analysis;

import dev.taskflight.analysis.agent.AgentPresence;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.events.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Plain sentences on what a recording cannot show, and what would show it. */
final class Notes {

    /** Said of a recording without Taskflight events. */
    static final String NO_TASKFLIGHT = "This recording has no Taskflight events: long polls, idle workers,"
            + " scheduling delay, queue backlog and worker imbalance need the Taskflight java agent"
            + " (-javaagent:taskflight-agent.jar) or the recorder library, under a recording that does not turn"
            + " their events off (as settings/taskflight-off.jfc does). Shown instead: what the JDK's own events"
            + " allow (parks, CPU samples, monitor contention and sleeps of pool threads, virtual-thread pinning).";

    private Notes() {
    }

    static List<String> of(List<PoolReport> pools, List<LongPoll> longPolls, long taskflightEvents, long cpuSamples,
            AnalysisOptions options, AgentPresence agent) {
        List<String> notes = new ArrayList<>();
        if (agent.present() && pools.isEmpty()) {
            notes.add(agent.describe() + " No pool it instruments ran a task while this recording ran.");
            return notes;
        }
        if (taskflightEvents == 0 && !agent.present()) {
            notes.add(NO_TASKFLIGHT);
            return notes;
        }
        for (PoolReport p : pools) {
            if (Instrumentation.SAMPLING.equals(p.instrumentation())) {
                notes.add("Pool " + p.name() + " is only sampled: its long polls, idle workers, scheduling delay and"
                        + " imbalance need the Taskflight java agent or the recorder library.");
            }
        }
        // pools without poll events say nothing about the threshold (the common pool, a sampled pool)
        boolean thresholded = pools.stream().anyMatch(p -> p.pollEvents() > 0)
                && pools.stream().filter(p -> p.pollEvents() > 0).allMatch(p -> p.pollEvents() == p.longPolls());
        if (thresholded) {
            notes.add("Only polls of " + Units.duration(options.thresholds().longPoll().warning().toNanos())
                    + " or more were recorded (the production profile, or a higher threshold): poll counts come from"
                    + " the workers' counters, and scheduling-delay percentiles cover the recorded polls only.");
        }
        if (!longPolls.isEmpty() && cpuSamples == 0) {
            notes.add("No CPU samples (jdk.ExecutionSample) in this recording, so no long poll's time on CPU is"
                    + " placed in its code (at most its threads' CPU clocks tell how much there was): record with"
                    + " settings=default or settings=profile.");
        }
        return notes;
    }
}
