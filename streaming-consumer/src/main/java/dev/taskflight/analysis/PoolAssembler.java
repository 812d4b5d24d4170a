package dev.taskflight.analysis;

import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.park.ParkAggregator;
import dev.taskflight.analysis.park.ParkStats;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.poll.PollStats;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.report.DelayReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.QueueReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.analysis.steal.StealAggregator;
import dev.taskflight.analysis.worker.CounterTotals;
import dev.taskflight.analysis.worker.WorkerCounterAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the first pass's aggregators into pool reports: each worker's totals from its counters when
 * it was sampled, otherwise from the events seen. The one place pool reports are made, for
 * {@code jfr-analyze} and for the JMC rules alike.
 */
public final class PoolAssembler {

    private final PoolRegistry registry;
    private final Map<String, PollStats> poolPolls;
    private final Map<WorkerKey, PollStats> workerPolls;
    private final Map<WorkerKey, ParkStats> workerParks;
    private final Map<WorkerKey, Long> workerSteals;
    private final Map<WorkerKey, CounterTotals> counters;
    private final Map<String, QueueReport> queues;

    /**
     * Captures the aggregators' state.
     *
     * @param registry the pools' identities, not {@code null}
     * @param polls the poll aggregator, not {@code null}
     * @param parks the park aggregator, not {@code null}
     * @param steals the steal aggregator, not {@code null}
     * @param counters the worker counter aggregator, not {@code null}
     * @param queues the queue aggregator, not {@code null}
     */
    public PoolAssembler(PoolRegistry registry, PollAggregator polls, ParkAggregator parks, StealAggregator steals,
            WorkerCounterAggregator counters, QueueAggregator queues) {
        this.registry = registry;
        this.poolPolls = polls.pools();
        this.workerPolls = polls.workers();
        this.workerParks = parks.workers();
        this.workerSteals = steals.byWorker();
        this.counters = counters.totals();
        this.queues = queues.reports();
    }

    /**
     * Returns a report per pool, in name order.
     *
     * @return the reports, not {@code null}
     */
    public List<PoolReport> pools() {
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
            // Counters count from the worker's first sample; polls that ended before it have only their
            // events: never report fewer polls than the poll events seen.
            return new WorkerReport(key.pool(), key.worker(), c.thread(), true, Math.max(c.polls(), pollEvents),
                    c.busyNanos(), c.idleNanos(), c.parks(), c.steals(), c.busyRatio(), c.maxLocalQueueDepth(),
                    pollEvents, longest, withWork, withWorkNanos, delay, c.polls());
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
        long counted = 0;
        long longest = 0;
        long withWork = 0;
        long withWorkNanos = 0;
        int depth = -1;
        boolean counters = !workers.isEmpty();
        for (WorkerReport w : workers) {
            polls += w.polls();
            busy += w.busyNanos();
            idle += w.idleNanos();
            parks += w.parks();
            steals += w.steals();
            events += w.pollEvents();
            counted += Math.max(0, w.counterPolls());
            longest = Math.max(longest, w.longestPollNanos());
            withWork += w.idleWithWork();
            withWorkNanos += w.idleWithWorkNanos();
            depth = Math.max(depth, w.maxLocalQueueDepth());
            counters &= w.fromCounters();
        }
        double ratio = counters && busy + idle > 0 ? (double) busy / (busy + idle) : -1;
        return new WorkerReport(pool, -1, "", counters, polls, busy, idle, parks, steals, ratio, depth, events,
                longest, withWork, withWorkNanos, delay, counters ? counted : -1);
    }
}
