package dev.taskflight.recorder.core;

import dev.taskflight.events.PoolField;
import dev.taskflight.events.pool.PoolInfoEvent;
import dev.taskflight.events.queue.QueueSampleEvent;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The recorder's view of one pool: its name, its workers, and how to read its state for the periodic
 * samples. One subclass per kind of pool and per way of instrumenting it (library or agent).
 *
 * <p>Worker indices are slots: a worker that starts takes the lowest free index, and the counters of
 * the worker that held the index before carry over, so that a {@code WorkerSample}'s counters never
 * decrease for a given pool and worker index.
 */
public abstract class PoolProbe {

    private static final System.Logger LOG = System.getLogger(PoolProbe.class.getName());

    private final String requestedName;
    private final String kind;
    private final String instrumentation;
    private volatile String name;
    /** {@link #name} as {@code TaskPoll} writes it: padded to be string-pooled by JFR. */
    private volatile String pollField;

    /** The live workers by index, and the last worker that held each index; replaced whole, by compare-and-set. */
    private record Slots(WorkerProbe[] live, WorkerProbe[] retired) {
    }

    private static final VarHandle SLOTS;

    static {
        try {
            SLOTS = MethodHandles.lookup().findVarHandle(PoolProbe.class, "slots", Slots.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Slots slots = new Slots(new WorkerProbe[0], new WorkerProbe[0]);
    private volatile boolean queueReadFailed;
    /** Whether a worker may read the queue at its park: {@link #lookUp()} has run, or the probe needs none. */
    private volatile boolean prepared;
    private volatile boolean muted;
    /**
     * Set by a worker that has just recorded a long poll it timed itself, cleared by the watchdog: its
     * hint to keep ticking at its period ({@link Watchdog#HOLD_NANOS}). A plain field, written only on
     * the rare long-poll path and only when clear; a late or lost write costs one backed-off tick.
     */
    boolean longPollEnded;
    /**
     * The {@link PoolRegistry} chunk-edge count at this pool's last {@code PoolInfo} written while a
     * recording took it, or {@code -1}; written by whichever JFR hook or registering thread wrote it.
     */
    volatile long infoEdge = -1;

    /**
     * Creates a probe.
     *
     * @param requestedName the name the pool should have; the registry makes it unique
     * @param kind one of {@link dev.taskflight.events.PoolKinds}
     * @param instrumentation one of {@link dev.taskflight.events.Instrumentation}
     */
    protected PoolProbe(String requestedName, String kind, String instrumentation) {
        this(requestedName, kind, instrumentation, false);
    }

    /**
     * Creates a probe whose queue a worker may read at its park only once {@link #lookUp()} has run on a thread
     * of Taskflight's, if {@code lookUpFirst}.
     *
     * @param requestedName the name the pool should have; the registry makes it unique
     * @param kind one of {@link dev.taskflight.events.PoolKinds}
     * @param instrumentation one of {@link dev.taskflight.events.Instrumentation}
     * @param lookUpFirst whether {@link #queuedTasks()} needs {@link #lookUp()} to have run before a worker reads it
     */
    protected PoolProbe(String requestedName, String kind, String instrumentation, boolean lookUpFirst) {
        this.prepared = !lookUpFirst;
        this.requestedName = Objects.requireNonNull(requestedName, "requestedName");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
        this.name = requestedName;
        this.pollField = PoolField.write(requestedName);
    }

    /**
     * @return the pool's name, unique among registered pools, as every event writes it but
     *         {@code TaskPoll}, which pads a short one ({@link #pollField()})
     */
    public final String name() {
        return name;
    }

    /** @return the pool's name as {@code TaskPoll}'s {@code pool} field holds it ({@link PoolField#write}) */
    public final String pollField() {
        return pollField;
    }

    /** @return the name the pool asked for, before the registry made it unique */
    public final String requestedName() {
        return requestedName;
    }

    /** @return the pool's kind, one of {@link dev.taskflight.events.PoolKinds} */
    public final String kind() {
        return kind;
    }

    /** @return how the pool is instrumented, one of {@link dev.taskflight.events.Instrumentation} */
    public final String instrumentation() {
        return instrumentation;
    }

    /** Stops this pool's workers from writing events: the registry does not report it. */
    final void mute() {
        muted = true;
    }

    /** @return whether the registry does not report this pool ({@link JmxTransport}) */
    final boolean muted() {
        return muted;
    }

    final void rename(String uniqueName) {
        this.pollField = PoolField.write(uniqueName);
        this.name = uniqueName;
    }

    /**
     * Gives a starting worker thread the lowest free index and its probe. Call it on the worker
     * thread, once, before its first poll. Takes no lock: workers of one pool starting together
     * each publish their index by compare-and-set, and retry on the next free one if another won.
     * A worker of a registered pool writes its first {@code WorkerSample} here, while a recording runs.
     *
     * @param thread the worker thread, not {@code null}
     * @return the worker's probe, not {@code null}
     */
    public final WorkerProbe attachWorker(Thread thread) {
        for (;;) {
            Slots s = slots;
            WorkerProbe[] live = s.live();
            int index = 0;
            while (index < live.length && live[index] != null) {
                index++;
            }
            WorkerProbe previous = index < s.retired().length ? s.retired()[index] : null;
            WorkerProbe probe = new WorkerProbe(this, index, thread, previous);
            WorkerProbe[] next = Arrays.copyOf(live, Math.max(live.length, index + 1));
            next[index] = probe;
            if (SLOTS.compareAndSet(this, s, new Slots(next, s.retired()))) {
                PoolRegistry.workerAttached(this, probe);
                return probe;
            }
        }
    }

    /**
     * Frees a worker's index when its thread exits; the next worker to take the index continues its
     * counters. Takes no lock.
     *
     * @param worker the exiting worker's probe, not {@code null}
     */
    public final void detachWorker(WorkerProbe worker) {
        int index = worker.index();
        for (;;) {
            Slots s = slots;
            if (index >= s.live().length || s.live()[index] != worker) {
                return;
            }
            WorkerProbe[] live = s.live().clone();
            live[index] = null;
            WorkerProbe[] retired = Arrays.copyOf(s.retired(), Math.max(s.retired().length, index + 1));
            retired[index] = worker;
            worker.detached(); // before it is published as retired, so its busy time stops there
            if (SLOTS.compareAndSet(this, s, new Slots(live, retired))) {
                return;
            }
        }
    }

    /** @return a snapshot of the live workers, in index order, not {@code null} */
    public final List<WorkerProbe> workers() {
        WorkerProbe[] live = slots.live();
        List<WorkerProbe> result = new ArrayList<>(live.length);
        for (WorkerProbe w : live) {
            if (w != null) {
                result.add(w);
            }
        }
        return result;
    }

    /**
     * Returns, for every worker index the pool has used, the live worker holding it or else the
     * last worker that held it: the counters to report for each index, never decreasing.
     *
     * @return a snapshot in index order, not {@code null}
     */
    public final List<WorkerProbe> slots() {
        Slots s = slots;
        WorkerProbe[] live = s.live();
        WorkerProbe[] retired = s.retired();
        int n = Math.max(live.length, retired.length);
        List<WorkerProbe> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            WorkerProbe w = i < live.length && live[i] != null ? live[i] : i < retired.length ? retired[i] : null;
            if (w != null) {
                result.add(w);
            }
        }
        return result;
    }

    /**
     * Returns whether the pool has terminated, or is gone; the registry then drops it.
     *
     * @return {@code true} if no more events will come from this pool
     */
    public abstract boolean isTerminated();

    /**
     * Returns the number of tasks waiting in the pool's queues.
     *
     * @return the count, or -1 if unknown
     */
    public abstract long queuedTasks();

    /**
     * Fills a {@code QueueSample} with the pool's state. The pool, kind are already set.
     *
     * @param event the event to fill, not {@code null}
     */
    protected abstract void fill(QueueSampleEvent event);

    /**
     * Fills a {@code PoolInfo} with the pool's configuration. The pool, kind and instrumentation are
     * already set.
     *
     * @param event the event to fill, not {@code null}
     */
    protected abstract void fill(PoolInfoEvent event);

    /**
     * Returns the number of tasks in a worker's own queue.
     *
     * @param worker the worker, not {@code null}
     * @return the count, or -1 if the worker has no queue of its own
     */
    protected int localQueueDepth(WorkerProbe worker) {
        return -1;
    }

    /**
     * Looks up, on a thread of Taskflight's, what {@link #queuedTasks()} needs (handles found by reflection),
     * for a probe made with {@code lookUpFirst}; by default nothing. It may throw: {@link #prepare()} tries
     * again at its next call, and the samplers, which read the queue on their own threads, say why.
     */
    protected void lookUp() {
    }

    /**
     * Runs {@link #lookUp()} once, on a thread of Taskflight's (the watchdog's, at each tick while a recording
     * runs), so that a worker's park reads the queue without looking anything up: a look-up by reflection loads
     * the classes of the fields it lists, under the class loader's lock, and two Jetty workers were seen waiting
     * 10 ms for each other so. Until it has run, a worker reads -1. Cheap once done, never throws.
     */
    public final void prepare() {
        if (!prepared) {
            try {
                lookUp();
                prepared = true;
            } catch (RuntimeException | LinkageError e) {
                // tried again at the next tick; the samplers read the queue, and say why
            }
        }
    }

    /**
     * Returns {@link #queuedTasks()} as a worker of the pool reads it at its park: -1 until {@link #prepare()}
     * has run for a probe made with {@code lookUpFirst}; never throws, -1 on failure, warns once.
     *
     * @return the count, or -1 if unknown or not prepared yet
     */
    public final long queuedTasksOnWorker() {
        if (!prepared) {
            return -1;
        }
        try {
            return queuedTasks();
        } catch (RuntimeException | LinkageError e) {
            if (!queueReadFailed) {
                queueReadFailed = true;
                LOG.log(Level.WARNING, "Taskflight: cannot read the queue of pool " + name + ": " + e);
            }
            return -1;
        }
    }

    final int localQueueDepthSafely(WorkerProbe worker) {
        try {
            return localQueueDepth(worker);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + kind + "]";
    }
}
