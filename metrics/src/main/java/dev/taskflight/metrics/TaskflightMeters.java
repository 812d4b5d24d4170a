package dev.taskflight.metrics;

import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.IntervalSink;
import dev.taskflight.analysis.live.PoolSnapshot;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.read.RecordedEventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;
import dev.taskflight.events.poll.TaskPollEvent;
import dev.taskflight.metrics.internal.Merged;
import dev.taskflight.metrics.internal.PoolMeters;
import dev.taskflight.metrics.internal.WorkerMeter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Taskflight's per-pool numbers as Micrometer meters, fed with the intervals of an
 * {@link IntervalAnalyzer}: the same engine as {@code jfr-analyze stream}, so that the meters show the
 * CLI's numbers. Counters ({@link MeterNames#TASK_COMPLETED}, {@link MeterNames#LONG_POLLS}, the busy
 * and idle times...) add up each interval's values; gauges show the last closed interval.
 *
 * <p>A pool's meters appear with the first interval that reports it, in every registry bound before
 * or after. The first {@link MetricsOptions#maxPools()} pools are published under their own name and
 * the rest aggregated under {@link MeterNames#OTHER_POOLS}; each worker's busy ratio only with
 * {@link MetricsOptions#perWorker()}.
 *
 * <p>{@link #accept} runs on the stream's thread; registries read the meters from any thread. To run
 * the in-process stream as well, use {@link TaskflightMetrics}.
 */
public final class TaskflightMeters implements MeterBinder, IntervalSink {

    /** The most pool names remembered; pools seen after that are aggregated without being remembered. */
    static final int MAX_REMEMBERED_POOLS = 10_000;

    private final MetricsOptions options;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<String, PoolMeters> pools = new ConcurrentHashMap<>();
    private final Map<String, WorkerMeter> workers = new ConcurrentHashMap<>();
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, String> kinds = new ConcurrentHashMap<>();
    private final Map<String, Long> sampledDelays = new LinkedHashMap<>();
    /** The engine's reader of the stream's events (the stream's one thread): fields by name, delays in nanoseconds. */
    private final RecordedEventView view = new RecordedEventView();
    /** {@link MeterNames#UNSEEN_THREADS}: the last interval's, NaN if it had no CPU sample; written by the stream's thread. */
    private volatile double unseenThreads = Double.NaN;
    /** {@link MeterNames#UNSEEN_CPU_SAMPLES}: added up; written by the stream's thread. */
    private volatile double unseenCpuSamples;

    /**
     * Creates the meters, with no pool yet.
     *
     * @param options the cardinality limits, not {@code null}
     */
    public TaskflightMeters(MetricsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Registers the meters of every pool seen so far with the registry, and of every pool seen later.
     *
     * @param registry the registry, not {@code null}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (registries.contains(registry)) {
            return;
        }
        registries.add(registry);
        Gauge.builder(MeterNames.UNSEEN_THREADS, this, m -> m.unseenThreads).strongReference(true)
                .description("Threads whose application code the last interval's CPU samples caught where Taskflight"
                        + " did not see it")
                .baseUnit("threads").register(registry);
        FunctionCounter.builder(MeterNames.UNSEEN_CPU_SAMPLES, this, m -> m.unseenCpuSamples)
                .description("CPU samples of application code that ran where Taskflight did not see it")
                .baseUnit("samples").register(registry);
        pools.values().forEach(p -> p.register(registry));
        workers.values().forEach(w -> w.register(registry));
    }

    /**
     * Adds one closed interval to the meters.
     *
     * @param interval the interval, not {@code null}
     */
    @Override
    public void accept(IntervalReport interval) {
        unseenThreads = interval.unseen().checked() ? interval.unseen().threads() : Double.NaN;
        unseenCpuSamples += interval.unseen().cpuSamples();
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (PoolSnapshot s : interval.pools()) {
            String name = publishedName(s.pool());
            merged.computeIfAbsent(name, n -> new Merged()).add(s);
            if (options.perWorker() && !name.equals(MeterNames.OTHER_POOLS)) {
                for (PoolSnapshot.WorkerBusy w : s.workerBusy()) {
                    worker(name, s.kind(), w.worker()).set(w.busyRatio());
                }
            }
        }
        for (PoolSnapshot s : interval.pools()) {
            String name = publishedName(s.pool());
            Merged m = merged.remove(name);
            if (m != null) {
                pool(name, name.equals(MeterNames.OTHER_POOLS) ? "" : s.kind()).add(m);
            }
        }
    }

    /**
     * Reads the stream's poll and delay events into the histograms ({@link MeterNames#POLL_DURATION},
     * {@link MeterNames#DELAY}), as {@link dev.taskflight.analysis.live.InProcessStream} lets a caller
     * do: every {@code taskflight.TaskPoll}'s duration, and each task's delay once (from its
     * {@code taskflight.SchedulingDelaySample}, or from its poll when no sample carried it). Call it
     * on the stream that feeds {@link #accept}, before it starts.
     *
     * @param stream the stream, not started, not {@code null}
     */
    public void readEvents(EventStream stream) {
        stream.onEvent(EventNames.POOL_INFO, e -> {
            if (kinds.size() < MAX_REMEMBERED_POOLS) {
                EventView v = view.of(e);
                kinds.put(v.getString(FieldNames.POOL, ""), v.getString(FieldNames.KIND, ""));
            }
        });
        stream.onEvent(EventNames.TASK_POLL, this::poll);
        stream.onEvent(EventNames.SCHEDULING_DELAY_SAMPLE, this::delaySample);
    }

    private void poll(RecordedEvent e) {
        EventView v = view.of(e);
        String pool = v.getString(FieldNames.POOL, "");
        PoolMeters meters = pool(publishedName(pool), kinds.getOrDefault(pool, ""));
        meters.recordPoll(v.durationNanos());
        long delay = v.getNanos(FieldNames.SCHEDULING_DELAY, TaskPollEvent.UNKNOWN_DELAY); // in its field's unit
        Long sampled = sampledDelays.remove(pool + '\u0000' + v.getInt(FieldNames.WORKER, -1));
        if (delay >= 0 && (sampled == null || !PollAggregator.sameDelay(delay, sampled))) { // counted from its sample
            meters.recordDelay(delay);
        }
    }

    private void delaySample(RecordedEvent e) {
        EventView v = view.of(e);
        String pool = v.getString(FieldNames.POOL, "");
        long delay = v.getNanos(FieldNames.SCHEDULING_DELAY, TaskPollEvent.UNKNOWN_DELAY);
        if (delay < 0) {
            return;
        }
        pool(publishedName(pool), kinds.getOrDefault(pool, "")).recordDelay(delay);
        String key = pool + '\u0000' + v.getInt(FieldNames.WORKER, -1);
        sampledDelays.remove(key);
        sampledDelays.put(key, delay);
        if (sampledDelays.size() > MAX_REMEMBERED_POOLS) {
            sampledDelays.remove(sampledDelays.keySet().iterator().next());
        }
    }

    /**
     * The name a pool is published under: its own for the first {@code maxPools} ({@link MeterNames#UNKNOWN_POOL}
     * for a pool without a name, as OpenTelemetry asks), else the aggregate's.
     */
    private String publishedName(String pool) {
        String name = published.get(pool);
        if (name == null) {
            long ownNames = published.values().stream().filter(n -> !n.equals(MeterNames.OTHER_POOLS)).count();
            String own = pool.isEmpty() ? MeterNames.UNKNOWN_POOL : pool;
            name = ownNames < options.maxPools() && !pool.equals(MeterNames.OTHER_POOLS) ? own : MeterNames.OTHER_POOLS;
            if (published.size() < MAX_REMEMBERED_POOLS) {
                published.put(pool, name);
            }
        }
        return name;
    }

    private PoolMeters pool(String name, String kind) {
        PoolMeters p = pools.get(name);
        if (p == null) {
            p = new PoolMeters(name, kind);
            pools.put(name, p);
            for (MeterRegistry r : registries) {
                p.register(r);
            }
        }
        return p;
    }

    private WorkerMeter worker(String pool, String kind, int index) {
        String key = pool + '\u0000' + index;
        WorkerMeter w = workers.get(key);
        if (w == null) {
            w = new WorkerMeter(pool(pool, kind).tags(), index);
            workers.put(key, w);
            for (MeterRegistry r : registries) {
                w.register(r);
            }
        }
        return w;
    }
}
