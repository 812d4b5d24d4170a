package dev.taskflight.analysis.jdk;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.report.UnseenWork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the JDK's CPU samples of application code on platform threads that are no Taskflight worker,
 * by thread. Execution samples are counted when the recording has them, else CPU-time samples (JDK 25),
 * never both. Bounded.
 */
public final class UnseenWorkAggregator {

    /** The most threads counted. */
    public static final int MAX_THREADS = 10_000;
    /** How many threads the report names. */
    public static final int TOP = 5;

    private static final class Sampled {
        final String name;
        long execution;
        long cpuTime;
        final BoundedCounts<String> sites = new BoundedCounts<>(16);

        Sampled(String name) {
            this.name = name;
        }
    }

    private final ThreadDirectory directory;
    private final Map<Long, Sampled> threads = new HashMap<>();
    private long execution;
    private long cpuTime;

    /** Creates an aggregator that leaves out the Taskflight workers of {@code directory}. */
    public UnseenWorkAggregator(ThreadDirectory directory) {
        this.directory = directory;
    }

    /**
     * Adds a CPU sample.
     *
     * @param threadId the sampled thread's id, -1 if unknown
     * @param threadName its name, not {@code null}
     * @param virtual whether it is a virtual thread
     * @param site the sample's code site, {@code null} if none
     * @param executionSample {@code true} for {@code jdk.ExecutionSample}, {@code false} for a CPU-time sample
     */
    public void cpu(long threadId, String threadName, boolean virtual, Frames.Site site, boolean executionSample) {
        if (threadId < 0 || virtual || site == null || !Frames.isApplication(site.frame())
                || directory.get(threadId) != null) {
            return;
        }
        Sampled s = threads.get(threadId);
        if (s == null) {
            if (threads.size() >= MAX_THREADS) {
                return;
            }
            s = new Sampled(threadName.isEmpty() ? "thread " + threadId : threadName);
            threads.put(threadId, s);
        }
        if (executionSample) {
            s.execution++;
            execution++;
        } else {
            s.cpuTime++;
            cpuTime++;
        }
        s.sites.add(site.frame(), 1);
    }

    /**
     * Returns what ran outside the pools.
     *
     * @param samplesRead the CPU samples the analysis read, of every thread: {@code 0} if the recording
     *        has none, and then nothing was checked
     * @return the unseen work, not {@code null}
     */
    public UnseenWork report(long samplesRead) {
        boolean byExecution = execution > 0;
        List<UnseenWork.UnseenThread> all = new ArrayList<>();
        for (Sampled s : threads.values()) {
            long n = byExecution ? s.execution : s.cpuTime;
            if (n > 0) {
                List<BoundedCounts.Item<String>> site = s.sites.top(1);
                all.add(new UnseenWork.UnseenThread(s.name, n, site.isEmpty() ? "" : site.get(0).key()));
            }
        }
        if (all.isEmpty()) {
            return new UnseenWork(0, 0, List.of(), samplesRead);
        }
        all.sort(Comparator.comparingLong(UnseenWork.UnseenThread::cpuSamples).reversed()
                .thenComparing(UnseenWork.UnseenThread::thread));
        return new UnseenWork(all.size(), byExecution ? execution : cpuTime, all.subList(0, Math.min(TOP, all.size())),
                samplesRead);
    }
}
