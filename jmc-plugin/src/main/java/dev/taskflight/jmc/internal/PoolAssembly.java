package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.park.ParkStats;
import dev.taskflight.analysis.poll.PollStats;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.analysis.worker.CounterTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the aggregators' state into pool reports, as the streaming consumer's (package-private)
 * {@code ReportAssembler} does: workers' totals from their counters when sampled, otherwise from the
 * events seen. Kept in step with it by the test that compares the rules with {@code jfr-analyze}.
 */
final class PoolAssembly {

    private final PoolRegistry registry;
    private final Map<String, PollStats> poolPolls;
    private final Map<WorkerKey, PollStats> workerPolls;
    private final Map<WorkerKey, ParkStats> workerParks;
    private final Map<WorkerKey, Long> workerSteals;
    private final Map<WorkerKey, CounterTotals> counters;
    private final Map<String, QueueReport> queues;

    PoolAssembly(TaskflightReader r) {
        this.registry = r.pools;
        this.poolPolls = r.polls.pools();
        this.workerPolls = r.polls.workers();
        this.workerParks = r.parks.workers();
        this.workerSteals = r.steals.byWorker();
        this.counters = r.counters.totals();
        this.queues = r.queues.reports();
    }

    List<PoolReport> pools() {
        Set<String> names = new TreeSet<>();
        registry.names().forEach(names::add);
        names.addAll(poolPolls.keySet());
        names.addAll(queues.keySet());
        for (Set<WorkerKey> keys : List.of(workerPolls.keySet(), workerParks.keySet(), workerSteals.keySet(),
                counters.keySet())) {
            keys.forEach(k -> names.add(k.pool()));
        }
        List<PoolReport> list = new ArrayList<>();
        for (String name : names) {
            list.add(pool(name));
        }
        return list;
    }

    private PoolReport pool(String name) {
        Set<WorkerKey> keys = new TreeSet<>();
        for (Set<WorkerKey> set : List.of(workerPolls.keySet(), workerParks.keySet(), workerSteals.keySet(),
                counters.keySet())) {
            set.stream().filter(k -> k.pool().equals(name)).forEach(keys::add);
        }
        List<WorkerReport> workers = new ArrayList<>();
        for (WorkerKey key : keys) {
            workers.add(worker(key));
        }
        PollStats polls = poolPolls.get(name);
        DelayReport delay = polls == null ? DelayReport.EMPTY : polls.delay();
        PoolRegistry.Identity id = registry.get(name);
        return new PoolReport(name, id.kind(), id.parallelism(), id.instrumentation(), id.taskflightVersion(),
                totals(name, workers, delay), workers, queues.get(name), delay, polls == null ? 0 : polls.events(),
                polls == null ? 0 : polls.longPolls(), polls == null ? 0 : polls.criticalLongPolls());
    }

    private WorkerReport worker(WorkerKey key) {
        PollStats polls = workerPolls.get(key);
        ParkStats parks = workerParks.get(key);
        CounterTotals c = counters.get(key);
        long pollEvents = polls == null ? 0 : polls.events();
        long longest = polls == null ? 0 : polls.maxNanos();
        long withWork = parks == null ? 0 : parks.withWork();
        long withWorkNanos = parks == null ? 0 : parks.withWorkNanos();
        DelayReport delay = polls == null ? DelayReport.EMPTY : polls.delay();
        if (c != null) {
            return new WorkerReport(key.pool(), key.worker(), c.thread(), true, c.polls(), c.busyNanos(),
                    c.idleNanos(), c.parks(), c.steals(), c.busyRatio(), c.maxLocalQueueDepth(), pollEvents, longest,
                    withWork, withWorkNanos, delay);
        }
        return new WorkerReport(key.pool(), key.worker(), "", false, pollEvents,
                polls == null ? 0 : polls.totalNanos(), parks == null ? 0 : parks.parkNanos(),
                parks == null ? 0 : parks.parks(), workerSteals.getOrDefault(key, 0L), -1, -1, pollEvents, longest,
                withWork, withWorkNanos, delay);
    }

    private static WorkerReport totals(String pool, List<WorkerReport> workers, DelayReport delay) {
        long polls = 0;
        long busy = 0;
        long idle = 0;
        long parks = 0;
        long steals = 0;
        long events = 0;
        long longest = 0;
        long withWork = 0;
        long withWorkNanos = 0;
        int depth = -1;
        boolean fromCounters = !workers.isEmpty();
        for (WorkerReport w : workers) {
            polls += w.polls();
            busy += w.busyNanos();
            idle += w.idleNanos();
            parks += w.parks();
            steals += w.steals();
            events += w.pollEvents();
            longest = Math.max(longest, w.longestPollNanos());
            withWork += w.idleWithWork();
            withWorkNanos += w.idleWithWorkNanos();
            depth = Math.max(depth, w.maxLocalQueueDepth());
            fromCounters &= w.fromCounters();
        }
        double ratio = fromCounters && busy + idle > 0 ? (double) busy / (busy + idle) : -1;
        return new WorkerReport(pool, -1, "", fromCounters, polls, busy, idle, parks, steals, ratio, depth, events,
                longest, withWork, withWorkNanos, delay);
    }
}
