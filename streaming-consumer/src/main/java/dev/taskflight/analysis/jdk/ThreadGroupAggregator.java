package dev.taskflight.analysis.jdk;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.CauseKind;
import dev.taskflight.analysis.report.FrameCount;
import dev.taskflight.analysis.report.ThreadGroupReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JDK's events say about pool threads, grouped by pool: the Taskflight pool a thread works
 * for, or else the pool its name shows ({@code ForkJoinPool-1-worker-3} is in {@code ForkJoinPool-1},
 * {@code ForkJoinPool.commonPool-worker-2} in {@code ForkJoinPool.commonPool},
 * {@code pool-2-thread-1} in {@code pool-2}). Other threads are ignored. Bounded.
 */
public final class ThreadGroupAggregator {

    /** Thread names of JDK pool workers; group 1 is the pool. */
    static final Pattern POOL_THREAD = Pattern.compile(
            "^(ForkJoinPool-\\d+|ForkJoinPool\\.commonPool|pool-\\d+)-(?:worker|thread)-\\d+$");
    /** The most threads whose group is remembered. */
    public static final int MAX_THREADS = 100_000;
    /** The most groups. */
    public static final int MAX_GROUPS = 1_000;

    private static final class Group {
        final boolean taskflight;
        final Set<Long> threads = new HashSet<>();
        long parks;
        long parkNanos;
        long cpuSamples;
        final BoundedCounts<String> parkedOn = new BoundedCounts<>(64);
        final BoundedCounts<String> frames = new BoundedCounts<>(256);
        final Map<CauseKind, BoundedCounts<String>> blocking = new EnumMap<>(CauseKind.class);

        Group(boolean taskflight) {
            this.taskflight = taskflight;
        }
    }

    private final ThreadDirectory directory;
    private final Map<Long, String> groupOfThread = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();

    /** Creates an aggregator that groups Taskflight workers by the pools in {@code directory}. */
    public ThreadGroupAggregator(ThreadDirectory directory) {
        this.directory = directory;
    }

    /**
     * Returns the JDK pool a thread name shows, or {@code null}.
     *
     * @param threadName the thread's name, not {@code null}
     * @return the pool, such as {@code ForkJoinPool-1}, or {@code null}
     */
    public static String poolOfThreadName(String threadName) {
        Matcher m = POOL_THREAD.matcher(threadName);
        return m.matches() ? m.group(1) : null;
    }

    /** Returns whether a thread is a pool thread, one whose events this aggregator counts. */
    public boolean isPoolThread(long threadId, String threadName) {
        return group(threadId, threadName) != null;
    }

    /** Adds a CPU sample of a thread with its top frame ({@code null} if none). */
    public void cpu(long threadId, String threadName, String topFrame) {
        Group g = group(threadId, threadName);
        if (g != null) {
            g.cpuSamples++;
            if (topFrame != null) {
                g.frames.add(topFrame, 1);
            }
        }
    }

    /** Adds a park of a thread. */
    public void park(long threadId, String threadName, long nanos, String parkedClass) {
        Group g = group(threadId, threadName);
        if (g != null) {
            g.parks++;
            g.parkNanos += nanos;
            g.parkedOn.add(parkedClass == null ? "" : parkedClass, nanos);
        }
    }

    /**
     * Adds a blocking event of a thread in application code: a monitor enter, a sleep, or a park with
     * an application frame on the stack.
     *
     * @param threadId the thread's id
     * @param threadName the thread's name, not {@code null}
     * @param kind the kind of blocking, not {@code null}
     * @param nanos how long it blocked
     * @param subject what it blocked on or where, computed only for pool threads, not {@code null}
     */
    public void blocked(long threadId, String threadName, CauseKind kind, long nanos, Supplier<String> subject) {
        Group g = group(threadId, threadName);
        if (g != null) {
            String s = subject.get();
            g.blocking.computeIfAbsent(kind, k -> new BoundedCounts<>(64)).add(s == null ? "" : s, nanos);
        }
    }

    /** Returns the groups, by name. */
    public List<ThreadGroupReport> reports() {
        List<ThreadGroupReport> list = new ArrayList<>();
        new TreeMap<>(groups).forEach((name, g) -> list.add(new ThreadGroupReport(name, g.taskflight,
                g.threads.size(), g.parks, g.parkNanos, counts(g.parkedOn), g.cpuSamples, counts(g.frames),
                blocking(g))));
        return list;
    }

    private static List<ThreadGroupReport.Blocking> blocking(Group g) {
        List<ThreadGroupReport.Blocking> list = new ArrayList<>();
        g.blocking.forEach((kind, c) -> {
            List<BoundedCounts.Item<String>> top = c.topByAmount(1);
            list.add(new ThreadGroupReport.Blocking(kind, c.total(), c.totalAmount(),
                    top.isEmpty() ? "" : top.get(0).key()));
        });
        return list;
    }

    private static List<FrameCount> counts(BoundedCounts<String> c) {
        List<FrameCount> list = new ArrayList<>();
        for (BoundedCounts.Item<String> i : c.top(5)) {
            list.add(new FrameCount(i.key(), i.count()));
        }
        return list;
    }

    private Group group(long threadId, String threadName) {
        String name = groupOfThread.get(threadId);
        boolean taskflight = false;
        if (name == null) {
            WorkerKey worker = directory.get(threadId);
            taskflight = worker != null;
            name = taskflight ? worker.pool() : poolOfThreadName(threadName == null ? "" : threadName);
            if (name == null) {
                name = "";
            }
            if (groupOfThread.size() < MAX_THREADS) {
                groupOfThread.put(threadId, name);
            }
        } else {
            taskflight = directory.get(threadId) != null;
        }
        if (name.isEmpty()) {
            return null;
        }
        Group g = groups.get(name);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                return null;
            }
            g = new Group(taskflight);
            groups.put(name, g);
        }
        if (g.threads.size() < MAX_THREADS) {
            g.threads.add(threadId);
        }
        return g;
    }
}
