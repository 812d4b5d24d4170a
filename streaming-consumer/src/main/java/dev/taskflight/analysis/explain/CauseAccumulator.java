package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.Explanation;
import dev.taskflight.analysis.report.FrameCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the JDK recorded on one thread during one period; bounded, and free of JFR types. */
public final class CauseAccumulator {

    /** Distinct top frames kept per period. */
    public static final int MAX_FRAMES = 32;
    /** Distinct subjects (classes, sockets, files) kept per cause kind and period. */
    public static final int MAX_SUBJECTS = 16;
    /** Top frames and subjects shown per period. */
    public static final int SHOWN = 5;

    private long executionSamples;
    private long cpuTimeSamples;
    private long cpuTimeNanos;
    private final BoundedCounts<String> frames = new BoundedCounts<>(MAX_FRAMES);
    private final BoundedCounts<String> callers = new BoundedCounts<>(MAX_FRAMES);
    private final Map<CauseKind, BoundedCounts<String>> causes = new EnumMap<>(CauseKind.class);

    /** Adds an execution sample with its top frame ({@code null} if none). */
    public void executionSample(String topFrame) {
        executionSamples++;
        if (topFrame != null) {
            frames.add(topFrame, 1);
        }
    }

    /** Adds the callers of a sample's top frame, innermost first, so that top frames show where they were called. */
    public void callers(List<String> callerFrames) {
        for (String f : callerFrames) {
            callers.add(f, 1);
        }
    }

    /** Adds a CPU-time sample standing for {@code periodNanos} of CPU, with its top frame. */
    public void cpuTimeSample(String topFrame, long periodNanos) {
        cpuTimeSamples++;
        cpuTimeNanos += Math.max(0, periodNanos);
        if (topFrame != null) {
            frames.add(topFrame, 1);
        }
    }

    /** Adds the code site of a stack the long-poll watchdog took ({@code taskflight.PollInProgress}). */
    public void watchdogStack(String innermostFrame) {
        if (innermostFrame != null && !innermostFrame.isEmpty()) {
            frames.add(innermostFrame, 1);
        }
    }

    /** Adds a blocking event overlapping the period by {@code nanos}. */
    public void blocked(CauseKind kind, String subject, long nanos) {
        causes.computeIfAbsent(kind, k -> new BoundedCounts<>(MAX_SUBJECTS))
                .add(subject == null ? "" : subject, Math.max(0, nanos));
    }

    /**
     * Returns the explanation of a period: its causes, those recorded on the thread first (largest
     * share first), then the context for what it did not record ({@link CauseKind#context()}).
     *
     * @param durationNanos the period's length
     * @param samplePeriodNanos the execution-sampling period, 0 if unknown
     * @return the explanation, not {@code null}
     */
    public Explanation explain(long durationNanos, long samplePeriodNanos) {
        List<Cause> list = new ArrayList<>();
        long samples = executionSamples + cpuTimeSamples;
        if (samples > 0) {
            long cpu = Math.max(executionSamples * Math.max(0, samplePeriodNanos), cpuTimeNanos);
            cpu = Math.min(cpu, durationNanos);
            String top = frames.isEmpty() || frames.top(1).isEmpty() ? "" : frames.top(1).get(0).key();
            list.add(new Cause(CauseKind.CPU, top, samples, cpu, share(cpu, durationNanos)));
        }
        causes.forEach((kind, subjects) -> {
            for (BoundedCounts.Item<String> s : subjects.topByAmount(SHOWN)) {
                long nanos = Math.min(s.amount(), durationNanos);
                list.add(new Cause(kind, s.key(), s.count(), nanos, share(nanos, durationNanos)));
            }
        });
        // what the JDK recorded on the thread first, largest first; the context for what it did not
        // record (the thread's CPU clock, the machine's saturation) after: the main cause only of a poll
        // with nothing else
        list.sort(Comparator.comparing((Cause c) -> c.kind().context())
                .thenComparing(Comparator.comparingDouble(Cause::share).reversed()));
        double explained = Math.min(1.0, list.stream().mapToDouble(Cause::share).sum());
        List<FrameCount> top = new ArrayList<>();
        for (BoundedCounts.Item<String> f : frames.top(SHOWN)) {
            top.add(new FrameCount(f.key(), f.count()));
        }
        for (BoundedCounts.Item<String> f : callers.top(SHOWN)) {
            if (top.size() < 2 * SHOWN && top.stream().noneMatch(x -> x.frame().equals(f.key()))) {
                top.add(new FrameCount(f.key(), f.count()));
            }
        }
        return new Explanation(list, samples, top, explained);
    }

    private static double share(long nanos, long duration) {
        return duration <= 0 ? 0 : Math.min(1.0, (double) nanos / duration);
    }
}
