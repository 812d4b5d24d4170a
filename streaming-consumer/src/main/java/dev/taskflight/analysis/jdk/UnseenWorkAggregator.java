package dev.taskflight.analysis.jdk;

import dev.taskflight.analysis.internal.BoundedCounts;
import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.events.ThreadNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Counts the JDK's CPU samples of application code on platform threads that are no Taskflight worker
 * and not Taskflight's own ({@link ThreadNames}), by thread; and on workers that Taskflight never saw run
 * a task or wait for one, which the report asks about at the end. Execution samples are counted when the
 * recording has them, else CPU-time samples (JDK 25), never both. Bounded.
 */
public final class UnseenWorkAggregator {

    /** The most threads counted. */
    public static final int MAX_THREADS = 10_000;
    /** How many threads the report names. */
    public static final int TOP = 5;

    private static final class Sampled {
        final String name;
        /** The worker this thread is, {@code null} for a thread of no pool. */
        final WorkerKey worker;
        long execution;
        long cpuTime;
        final BoundedCounts<String> sites = new BoundedCounts<>(16);

        Sampled(String name, WorkerKey worker) {
            this.name = name;
            this.worker = worker;
        }
    }

    private final ThreadDirectory directory;
    private final Map<Long, Sampled> threads = new HashMap<>();
    /** Workers the watchdog saw in a poll ({@code PollInProgress}): a poll that outlasts the recording. */
    private final Set<WorkerKey> inPoll = new HashSet<>();

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
                || ThreadNames.isTaskflight(threadName)) {
            return;
        }
        WorkerKey worker = directory.get(threadId);
        Sampled s = threads.get(threadId);
        if (s == null) {
            if (threads.size() >= MAX_THREADS) {
                return;
            }
            s = new Sampled(threadName.isEmpty() ? "thread " + threadId : threadName, worker);
            threads.put(threadId, s);
        }
        if (executionSample) {
            s.execution++;
        } else {
            s.cpuTime++;
        }
        s.sites.add(site.frame(), 1);
    }

    /**
     * Records that the watchdog saw a worker in a poll: what its thread ran was seen, even if the poll
     * never ended within the recording.
     *
     * @param worker the worker, not {@code null}
     */
    public void inPoll(WorkerKey worker) {
        if (inPoll.size() < MAX_THREADS) {
            inPoll.add(worker);
        }
    }

    /**
     * Returns what ran unseen.
     *
     * @param samplesRead the CPU samples the analysis read, of every thread: {@code 0} if the recording
     *        has none, and then nothing was checked
     * @return the unseen work, not {@code null}
     */
    public UnseenWork report(long samplesRead) {
        return report(samplesRead, worker -> false);
    }

    /**
     * Returns what ran where Taskflight did not see it: on threads of no pool, and on the threads of workers
     * it never saw run a task or wait for one, nor in a poll in progress (after an attach, a worker whose
     * loop the agent could not reach), which are named with their pool.
     *
     * @param samplesRead the CPU samples the analysis read, of every thread: {@code 0} if the recording
     *        has none, and then nothing was checked
     * @param neverSeen whether a worker ran no task and waited no time that Taskflight saw
     * @return the unseen work, not {@code null}
     */
    public UnseenWork report(long samplesRead, Predicate<WorkerKey> neverSeen) {
        List<Sampled> unseen = new ArrayList<>();
        long executionSamples = 0;
        for (Sampled s : threads.values()) {
            if (s.worker == null || !inPoll.contains(s.worker) && neverSeen.test(s.worker)) {
                unseen.add(s);
                executionSamples += s.execution;
            }
        }
        boolean byExecution = executionSamples > 0;
        long samples = 0;
        List<UnseenWork.UnseenThread> all = new ArrayList<>();
        for (Sampled s : unseen) {
            long n = byExecution ? s.execution : s.cpuTime;
            if (n > 0) {
                samples += n;
                List<BoundedCounts.Item<String>> site = s.sites.top(1);
                String name = s.worker == null ? s.name
                        : s.name + " (a worker of " + s.worker.pool() + " seen running no task)";
                all.add(new UnseenWork.UnseenThread(name, n, site.isEmpty() ? "" : site.get(0).key()));
            }
        }
        if (all.isEmpty()) {
            return new UnseenWork(0, 0, List.of(), samplesRead);
        }
        all.sort(Comparator.comparingLong(UnseenWork.UnseenThread::cpuSamples).reversed()
                .thenComparing(UnseenWork.UnseenThread::thread));
        return new UnseenWork(all.size(), samples, all.subList(0, Math.min(TOP, all.size())), samplesRead);
    }
}
