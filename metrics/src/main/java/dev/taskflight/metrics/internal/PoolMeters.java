package dev.taskflight.metrics.internal;

import static dev.taskflight.metrics.MeterNames.BUSY_RATIO;
import static dev.taskflight.metrics.MeterNames.BUSY_TIME;
import static dev.taskflight.metrics.MeterNames.DELAY_COUNT;
import static dev.taskflight.metrics.MeterNames.DELAY_MAX;
import static dev.taskflight.metrics.MeterNames.DELAY_P50;
import static dev.taskflight.metrics.MeterNames.DELAY_P99;
import static dev.taskflight.metrics.MeterNames.IDLE_TIME;
import static dev.taskflight.metrics.MeterNames.LONG_POLLS;
import static dev.taskflight.metrics.MeterNames.POLL_MAX;
import static dev.taskflight.metrics.MeterNames.QUEUE_SIZE;
import static dev.taskflight.metrics.MeterNames.SEVERITY;
import static dev.taskflight.metrics.MeterNames.TASK_COMPLETED;
import static dev.taskflight.metrics.MeterNames.TASK_STEALS;
import static dev.taskflight.metrics.MeterNames.THREAD_COUNT;
import static dev.taskflight.metrics.MeterNames.THREAD_PARKS;
import static dev.taskflight.metrics.MeterNames.THREAD_STATE;

import dev.taskflight.metrics.MeterNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One published pool: its totals since the start and its last interval's values, each written by the
 * stream's thread only and read by the registries through function meters.
 */
public final class PoolMeters {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Tags tags;
    private final List<Timer> pollTimers = new CopyOnWriteArrayList<>();
    private final List<Timer> delayTimers = new CopyOnWriteArrayList<>();
    private volatile double polls;
    private volatile double busySeconds;
    private volatile double idleSeconds;
    private volatile double parks;
    private volatile double steals;
    private volatile double warningLongPolls;
    private volatile double criticalLongPolls;
    private volatile double delays;
    private volatile double workers = Double.NaN;
    private volatile double busyWorkers = Double.NaN;
    private volatile double busyRatio = Double.NaN;
    private volatile double queue = Double.NaN;
    private volatile double pollMax = Double.NaN;
    private volatile double delayP50 = Double.NaN;
    private volatile double delayP99 = Double.NaN;
    private volatile double delayMax = Double.NaN;

    /**
     * Creates a pool's meters, at zero and unknown.
     *
     * @param name the published pool name
     * @param kind the pool kind, {@code ""} if unknown
     */
    public PoolMeters(String name, String kind) {
        this.tags = Tags.of(MeterNames.EXECUTOR_NAME, name, MeterNames.EXECUTOR_TYPE, kind);
    }

    /** Returns the pool's tags. */
    public Tags tags() {
        return tags;
    }

    /** Adds one interval of the pool (or of the pools aggregated under its name). */
    public void add(Merged m) {
        polls += m.polls;
        busySeconds += m.busyNanos / NANOS_PER_SECOND;
        idleSeconds += m.idleNanos / NANOS_PER_SECOND;
        parks += m.parks;
        steals += m.steals;
        warningLongPolls += m.longPolls - m.criticalLongPolls;
        criticalLongPolls += m.criticalLongPolls;
        delays += m.delayCount;
        workers = m.workers;
        busyWorkers = m.busyWorkers;
        busyRatio = m.busyRatio < 0 ? Double.NaN : m.busyRatio;
        queue = m.queueMax < 0 ? Double.NaN : m.queueMax;
        pollMax = m.longestPollNanos / NANOS_PER_SECOND;
        boolean delayed = m.delayCount > 0;
        delayP50 = delayed ? m.delayP50Nanos / NANOS_PER_SECOND : Double.NaN;
        delayP99 = delayed ? m.delayP99Nanos / NANOS_PER_SECOND : Double.NaN;
        delayMax = delayed ? m.delayMaxNanos / NANOS_PER_SECOND : Double.NaN;
    }

    /** Adds one poll's duration to the poll-duration histogram. */
    public void recordPoll(long nanos) {
        pollTimers.forEach(t -> t.record(nanos, TimeUnit.NANOSECONDS));
    }

    /** Adds one task's scheduling delay to the delay histogram. */
    public void recordDelay(long nanos) {
        delayTimers.forEach(t -> t.record(nanos, TimeUnit.NANOSECONDS));
    }

    /** Registers every meter of the pool with a registry; registering twice is harmless. */
    public void register(MeterRegistry r) {
        pollTimers.add(histogram(r, MeterNames.POLL_DURATION,
                "Poll durations: every poll in trace mode, only long polls in production (the recorder times no other)"));
        delayTimers.add(histogram(r, MeterNames.DELAY,
                "Scheduling delays: the sampled tasks' in production, every task's in trace"));
        gauge(r, THREAD_COUNT, "Workers busy (average over the last interval) or idle", p -> p.busyWorkers,
                Tags.of(THREAD_STATE, "busy"), null);
        gauge(r, THREAD_COUNT, "Workers busy (average over the last interval) or idle",
                p -> p.workers - p.busyWorkers, Tags.of(THREAD_STATE, "idle"), null);
        counter(r, TASK_COMPLETED, "Polls completed, from the recorder's counters", p -> p.polls, Tags.empty(), null);
        gauge(r, QUEUE_SIZE, "The deepest queue sampled in the last interval", p -> p.queue, Tags.empty(), null);
        gauge(r, BUSY_RATIO, "Busy time over busy plus idle time in the last interval", p -> p.busyRatio,
                Tags.empty(), null);
        counter(r, BUSY_TIME, "The workers' time in polls", p -> p.busySeconds, Tags.empty(), "seconds");
        counter(r, IDLE_TIME, "The workers' time waiting for work", p -> p.idleSeconds, Tags.empty(), "seconds");
        counter(r, THREAD_PARKS, "Times a worker went idle", p -> p.parks, Tags.empty(), null);
        counter(r, TASK_STEALS, "Tasks stolen from another worker", p -> p.steals, Tags.empty(), null);
        counter(r, LONG_POLLS, "Polls over the long-poll warning threshold but under the critical one",
                p -> p.warningLongPolls, Tags.of(SEVERITY, "warning"), null);
        counter(r, LONG_POLLS, "Polls over the long-poll critical threshold", p -> p.criticalLongPolls,
                Tags.of(SEVERITY, "critical"), null);
        gauge(r, POLL_MAX, "The longest poll of the last interval (every poll in trace mode, long polls in production)",
                p -> p.pollMax, Tags.empty(), "seconds");
        counter(r, DELAY_COUNT, "Tasks whose scheduling delay was measured (sampled in production, all in trace)",
                p -> p.delays, Tags.empty(), null);
        gauge(r, DELAY_P50, "Median scheduling delay of the last interval", p -> p.delayP50, Tags.empty(), "seconds");
        gauge(r, DELAY_P99, "99th percentile scheduling delay of the last interval", p -> p.delayP99, Tags.empty(),
                "seconds");
        gauge(r, DELAY_MAX, "Largest scheduling delay of the last interval", p -> p.delayMax, Tags.empty(), "seconds");
    }

    private Timer histogram(MeterRegistry r, String name, String description) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(60)).register(r);
    }

    private void gauge(MeterRegistry r, String name, String description, ToDoubleFunction<PoolMeters> f, Tags extra,
            String unit) {
        Gauge.builder(name, this, f).description(description).baseUnit(unit).tags(tags.and(extra)).strongReference(true)
                .register(r);
    }

    private void counter(MeterRegistry r, String name, String description, ToDoubleFunction<PoolMeters> f, Tags extra,
            String unit) {
        FunctionCounter.builder(name, this, f).description(description).baseUnit(unit).tags(tags.and(extra)).register(r);
    }
}
