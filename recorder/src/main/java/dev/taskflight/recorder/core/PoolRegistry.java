package dev.taskflight.recorder.core;

import dev.taskflight.events.EventClasses;
import dev.taskflight.events.Instrumentation;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import dev.taskflight.events.worker.WorkerSampleEvent;
import dev.taskflight.recorder.core.ForkJoinPoolProbe;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/**
 * The pools Taskflight reports on, and the periodic JFR hooks that write their
 * {@code WorkerSample}, {@code QueueSample} and {@code PoolInfo} events; the samples are also written
 * at every chunk's start and end, with {@code PoolInfo}, so that totals are complete at every chunk end.
 *
 * <p>The hooks run on JFR's periodic thread, only while a recording enables the event; they never
 * touch a worker thread. A pool leaves the registry when it is unregistered or found terminated.
 */
public final class PoolRegistry {

    /** The name under which {@link ForkJoinPool#commonPool()} is reported. */
    public static final String COMMON_POOL_NAME = "ForkJoinPool.commonPool";

    private static final System.Logger LOG = System.getLogger(PoolRegistry.class.getName());
    private static final ConcurrentMap<String, PoolProbe> POOLS = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOKS = new AtomicBoolean();
    private static final AtomicBoolean HOOK_FAILED = new AtomicBoolean();
    /**
     * Counts the runs of the {@code PoolInfo} hook, at every chunk's start and end. A pool whose last
     * written {@code PoolInfo} predates the current count gets one from the next {@code QueueSample}
     * hook: a pool registered when no recording took its {@code PoolInfo}, or added after the chunk's
     * start hook had passed (the common pool under the agent, a pool met while an attach's recording
     * starts), has its identity within a sample period, not at the chunk's end.
     */
    private static final AtomicLong EDGE = new AtomicLong();
    private static final String VERSION = versionOf(PoolRegistry.class);

    /** What {@link #writeNow} writes. */
    private static final int POOL_INFOS = 0;
    private static final int WORKER_SAMPLES = 1;
    private static final int WORKER_SAMPLE = 2;
    private static final int QUEUE_SAMPLES = 3;

    private PoolRegistry() {
    }

    /**
     * Registers a pool, giving it a name no other registered pool has: the requested name, or the
     * requested name with {@code -2}, {@code -3}... appended. A pool of the JDK's RMI runtime
     * ({@link JmxTransport}) is not registered, and its workers write no events.
     *
     * @param probe the pool's probe, not {@code null}
     * @param <P> the probe's type
     * @return the probe, renamed if needed
     */
    public static <P extends PoolProbe> P register(P probe) {
        installHooks();
        if (JmxTransport.serves(probe.requestedName())) {
            probe.mute(); // the JDK's RMI runtime, carrying our own JMX connection: not a finding
            return probe;
        }
        String base = probe.requestedName();
        String candidate = base;
        for (int n = 2; POOLS.putIfAbsent(candidate, probe) != null; n++) {
            candidate = base + "-" + n;
        }
        probe.rename(candidate);
        writeNow(probe, POOL_INFOS, null);
        // the workers' counters as they start: a recording running now counts their polls from here,
        // not from the first periodic sample, up to a period later
        writeNow(probe, WORKER_SAMPLES, null);
        return probe;
    }

    /**
     * A worker of a registered pool started ({@link PoolProbe#attachWorker}): writes its counters as
     * they start, so that a recording running now counts its polls from here, not from its first
     * periodic sample. A worker of a pool not registered yet has its first sample at registration.
     *
     * @param probe the pool's probe
     * @param worker the new worker's probe
     */
    static void workerAttached(PoolProbe probe, WorkerProbe worker) {
        if (POOLS.get(probe.name()) == probe) {
            writeNow(probe, WORKER_SAMPLE, worker);
        }
    }

    /**
     * Registers the common pool under {@link #COMMON_POOL_NAME}, replacing a sampling-only probe
     * registered before. For the java agent, which instruments the common pool itself.
     *
     * @param probe the common pool's probe, not {@code null}
     */
    public static void registerCommonPool(PoolProbe probe) {
        installHooks();
        probe.rename(COMMON_POOL_NAME);
        POOLS.put(COMMON_POOL_NAME, probe);
    }

    /** Makes sure the common pool is reported, by sampling it if nothing instruments it. */
    public static void ensureCommonPool() {
        if (!POOLS.containsKey(COMMON_POOL_NAME)) {
            installHooks();
            PoolProbe probe = new ForkJoinPoolProbe(
                    COMMON_POOL_NAME, ForkJoinPool.commonPool(), Instrumentation.SAMPLING);
            probe.rename(COMMON_POOL_NAME);
            POOLS.putIfAbsent(COMMON_POOL_NAME, probe);
        }
    }

    /**
     * Removes a pool; its events stop.
     *
     * @param probe the pool's probe, not {@code null}
     */
    public static void unregister(PoolProbe probe) {
        if (POOLS.remove(probe.name(), probe)) {
            // the last word on the pool: final counters, so totals stay exact
            writeNow(probe, WORKER_SAMPLES, null);
            writeNow(probe, QUEUE_SAMPLES, null);
        }
    }

    /**
     * Writes a pool's events now: its {@link #POOL_INFOS}, {@link #WORKER_SAMPLES},
     * {@link #QUEUE_SAMPLES}, or one {@link #WORKER_SAMPLE} of {@code worker}. A code rather than a
     * function: registering runs on a pool's first worker, where linking a lambda would spin a class.
     */
    private static void writeNow(PoolProbe probe, int what, WorkerProbe worker) {
        try {
            switch (what) {
                case POOL_INFOS -> writePoolInfos(probe);
                case WORKER_SAMPLES -> writeWorkerSamples(probe);
                case WORKER_SAMPLE -> writeWorkerSample(probe, worker);
                default -> writeQueueSamples(probe);
            }
        } catch (RuntimeException | LinkageError e) {
            sampleFailed(probe, e);
        }
    }

    /** Writes a pool's events now, on JFR's periodic thread. */
    private static void writeNow(PoolProbe probe, Consumer<PoolProbe> writer) {
        try {
            writer.accept(probe);
        } catch (RuntimeException | LinkageError e) {
            sampleFailed(probe, e);
        }
    }

    private static void sampleFailed(PoolProbe probe, Throwable e) {
        if (HOOK_FAILED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Taskflight: cannot sample pool " + probe.name() + ": " + e);
        }
    }

    /** @return the registered pools, a live view, not {@code null} */
    public static Collection<PoolProbe> pools() {
        return POOLS.values();
    }

    /**
     * Looks a registered pool up by name.
     *
     * @param name the pool's unique name
     * @return the probe, or {@code null}
     */
    public static PoolProbe find(String name) {
        return POOLS.get(name);
    }

    /**
     * Sets up what registering a pool needs (every Taskflight event type, the recording-mode listener,
     * the periodic JFR hooks) now, so that the first pool's registration does not pay for it on its
     * worker thread. Idempotent; call it off the application's threads.
     */
    public static void prepare() {
        installHooks();
    }

    private static void installHooks() {
        if (HOOKS.compareAndSet(false, true)) {
            // every event type now, not when a worker first writes one mid-chunk, and each class
            // initialized before addPeriodicEvent registers it under JFR's lock (see EventClasses)
            EventClasses.initializeAll();
            RecordingMode.install();
            FlightRecorder.addPeriodicEvent(WorkerSampleEvent.class, guarded(PoolRegistry::writeWorkerSamples));
            FlightRecorder.addPeriodicEvent(QueueSampleEvent.class, guarded(PoolRegistry::writePeriodic));
            Runnable edge = guarded(PoolRegistry::writeChunkEdge);
            FlightRecorder.addPeriodicEvent(PoolInfoEvent.class, () -> {
                EDGE.incrementAndGet();
                edge.run();
            });
        }
    }

    private static Runnable guarded(Consumer<PoolProbe> writer) {
        return () -> {
            for (PoolProbe probe : POOLS.values()) {
                if (terminatedSafely(probe)) {
                    unregister(probe);
                } else {
                    writeNow(probe, writer);
                }
            }
        };
    }

    private static boolean terminatedSafely(PoolProbe probe) {
        try {
            return probe.isTerminated();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * At every chunk's start and end ({@code PoolInfo}'s period): the pool's identity, and its counters
     * too, so that a recording or dump that ends before the samples' next period (a program that exits
     * after 3 s, a dump at 1.5 s) still holds every poll it ran.
     */
    private static void writeChunkEdge(PoolProbe probe) {
        writePoolInfos(probe);
        writeWorkerSamples(probe);
        writeQueueSamples(probe);
    }

    /** Every {@code QueueSample} period: the queue, and the pool's identity if this chunk lacks it. */
    private static void writePeriodic(PoolProbe probe) {
        if (probe.infoEdge != EDGE.get()) {
            writePoolInfos(probe);
        }
        writeQueueSamples(probe);
    }

    private static void writeWorkerSamples(PoolProbe probe) {
        for (WorkerProbe w : probe.slots()) {
            writeWorkerSample(probe, w);
        }
    }

    private static void writeWorkerSample(PoolProbe probe, WorkerProbe w) {
        WorkerSampleEvent event = new WorkerSampleEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.pool = probe.name();
        event.worker = w.index();
        event.workerThread = w.thread();
        event.polls = w.polls();
        event.busyTime = w.busyNanos();
        event.idleTime = w.idleNanos();
        event.parks = w.parks();
        event.steals = w.steals();
        event.localQueueDepth = probe.localQueueDepthSafely(w);
        event.commit();
    }

    private static void writeQueueSamples(PoolProbe probe) {
        QueueSampleEvent event = new QueueSampleEvent();
        event.pool = probe.name();
        event.kind = probe.kind();
        probe.fill(event);
        event.commit();
    }

    private static void writePoolInfos(PoolProbe probe) {
        PoolInfoEvent event = new PoolInfoEvent();
        event.pool = probe.name();
        event.kind = probe.kind();
        event.instrumentation = probe.instrumentation();
        event.taskflightVersion = VERSION;
        probe.fill(event);
        long edge = EDGE.get();
        if (event.isEnabled()) {
            event.commit();
            probe.infoEdge = edge;
        }
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
