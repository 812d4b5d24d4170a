package dev.taskflight.agent;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Where a recording's slow work lies: the JDK's CPU samples and sleeps whose stack holds a given
 * method, and how many of them fall inside a {@code TaskPoll} of a given pool on the same thread.
 */
final class SlowWork {

    /** A share of slow work inside the pool's polls, out of what the JDK recorded. */
    record Coverage(long inside, long total) {
        double share() {
            return total == 0 ? 0 : (double) inside / total;
        }
    }

    private final List<RecordedEvent> events;
    private final List<RecordedEvent> polls;

    SlowWork(List<RecordedEvent> events) {
        this.events = events;
        this.polls = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.TASK_POLL))
                .collect(Collectors.toList());
    }

    /** CPU samples ({@code jdk.ExecutionSample}) in {@code method}, inside polls of {@code pool}. */
    Coverage cpuSamples(String method, Predicate<String> pool) {
        List<RecordedEvent> samples = of("jdk.ExecutionSample", method);
        long inside = samples.stream()
                .filter(s -> inPoll(s.getThread("sampledThread"), s.getStartTime(), s.getStartTime(), pool)).count();
        return new Coverage(inside, samples.size());
    }

    /** Sleeps ({@code jdk.ThreadSleep}) called from {@code method}, wholly inside polls of {@code pool}. */
    Coverage sleeps(String method, Predicate<String> pool) {
        List<RecordedEvent> sleeps = of("jdk.ThreadSleep", method);
        long inside = sleeps.stream()
                .filter(s -> inPoll(s.getThread("eventThread"), s.getStartTime(), s.getEndTime(), pool)).count();
        return new Coverage(inside, sleeps.size());
    }

    /** Threads that ran {@code method} according to the JDK's CPU samples and sleeps. */
    List<String> threadsRunning(String method) {
        return events.stream().filter(e -> holds(e.getStackTrace(), method))
                .map(e -> e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread("eventThread"))
                .map(t -> t == null ? "" : t.getJavaName()).distinct().collect(Collectors.toList());
    }

    private List<RecordedEvent> of(String name, String method) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name))
                .filter(e -> holds(e.getStackTrace(), method)).collect(Collectors.toList());
    }

    private boolean inPoll(RecordedThread thread, Instant from, Instant to, Predicate<String> pool) {
        if (thread == null) {
            return false;
        }
        return polls.stream()
                .filter(p -> p.getThread("eventThread") != null
                        && p.getThread("eventThread").getJavaThreadId() == thread.getJavaThreadId())
                .filter(p -> pool.test(PoolField.read(p.getString("pool"))))
                .anyMatch(p -> !p.getStartTime().isAfter(from) && !p.getEndTime().isBefore(to));
    }

    private static boolean holds(RecordedStackTrace stack, String method) {
        if (stack == null) {
            return false;
        }
        for (RecordedFrame f : stack.getFrames()) {
            if (f.getMethod() != null && f.getMethod().getName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the analysis engine over a recording and checks how it explains the slow work: for each
     * CPU sample in {@code method} (or each sleep called from it), whether the long poll of {@code pool}
     * on the same thread that holds it has {@code cause} as its main cause.
     *
     * @return the slow work whose long poll has that main cause, out of all of it
     */
    Coverage explainedAs(Path jfr, String method, String pool, CauseKind cause) throws Exception {
        AnalysisReport report = new FileAnalysis(jfr, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        List<LongPoll> polls = report.longPolls().stream().filter(p -> p.pool().equals(pool))
                .filter(p -> p.explanation().mainCause() != null && p.explanation().mainCause().kind() == cause)
                .collect(Collectors.toList());
        boolean sleeps = cause == CauseKind.SLEEP;
        List<RecordedEvent> work = of(sleeps ? "jdk.ThreadSleep" : "jdk.ExecutionSample", method);
        long explained = work.stream().filter(w -> {
            RecordedThread t = w.getThread(sleeps ? "eventThread" : "sampledThread");
            Instant from = w.getStartTime();
            Instant to = sleeps ? w.getEndTime() : from;
            return t != null && polls.stream().anyMatch(p -> p.thread().equals(t.getJavaName())
                    && !p.start().isAfter(from) && !p.start().plusNanos(p.durationNanos()).isBefore(to));
        }).count();
        return new Coverage(explained, work.size());
    }
}
