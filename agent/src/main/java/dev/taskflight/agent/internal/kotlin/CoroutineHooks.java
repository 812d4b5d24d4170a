package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.agent.internal.WeakIdentityMap;
import java.util.function.Function;

/**
 * What the instrumented {@code CoroutineScheduler} calls: a worker starts and exits
 * ({@code runWorker}), runs a task ({@code runSafely}: a poll, in the pool of the task's mode),
 * parks ({@code park}: waiting for work) and steals ({@code trySteal}). Every method swallows its own
 * failures; none takes a lock once the worker's pools are known.
 */
public final class CoroutineHooks {

    private static final ThreadLocal<CoroutineWorker> CURRENT = new ThreadLocal<>();
    private static final WeakIdentityMap<Object, SchedulerPools> POOLS = new WeakIdentityMap<>();

    private static volatile AgentOptions options = AgentOptions.DEFAULTS;

    private CoroutineHooks() {
    }

    /** @param agentOptions the options that decide which pools are recorded */
    public static void configure(AgentOptions agentOptions) {
        options = agentOptions;
    }

    /**
     * A worker thread starts.
     *
     * @param scheduler its scheduler
     * @return the worker's state, or {@code null}
     */
    public static CoroutineWorker workerStart(Object scheduler) {
        try {
            CoroutineWorker w = newWorker(scheduler);
            CURRENT.set(w);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A worker thread exits: ends its poll or park and frees its indices.
     *
     * @param w the state {@link #workerStart} returned
     */
    public static void workerExit(CoroutineWorker w) {
        try {
            CURRENT.remove();
            if (w != null) {
                w.exit();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task starts running: a poll starts, unless the thread is not one of the scheduler's workers
     * (tasks run by {@code close()} on the closing thread) or is already in a poll.
     *
     * @param scheduler the scheduler
     * @param task the task
     * @return the worker, to end the poll, or {@code null}
     */
    public static CoroutineWorker taskStart(Object scheduler, Object task) {
        try {
            CoroutineWorker w = CURRENT.get();
            if (w == null) {
                w = lateAttach(scheduler); // a worker that started before the agent was attached
            }
            if (w == null || w.scheduler != scheduler || w.polling()) {
                return null;
            }
            return w.taskStart(task) ? w : null;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A task has run, normally or not.
     *
     * @param w the state {@link #taskStart} returned
     */
    public static void taskEnd(CoroutineWorker w) {
        try {
            if (w != null) {
                w.taskEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** @return the current worker, now parked, or {@code null} */
    public static CoroutineWorker parkStart() {
        try {
            CoroutineWorker w = CURRENT.get();
            if (w != null) {
                w.parkStart();
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /** @param w the state {@link #parkStart} returned */
    public static void parkEnd(CoroutineWorker w) {
        try {
            if (w != null) {
                w.parkEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** @param task a task the current worker took from another worker's local queue */
    public static void stole(Object task) {
        try {
            CoroutineWorker w = CURRENT.get();
            if (w != null) {
                w.stole(task);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    private static CoroutineWorker lateAttach(Object scheduler) throws Throwable {
        SchedulerHandles h = SchedulerHandles.OF.get(scheduler.getClass());
        Thread thread = Thread.currentThread();
        if (h == null || !h.workerClass.isInstance(thread) || (Object) h.workerScheduler.invokeExact((Object) thread) != scheduler) {
            return null;
        }
        CoroutineWorker w = newWorker(scheduler);
        CURRENT.set(w);
        return w;
    }

    private static CoroutineWorker newWorker(Object scheduler) throws Throwable {
        SchedulerHandles h = SchedulerHandles.OF.get(scheduler.getClass());
        if (h == null) {
            return null;
        }
        SchedulerPools pools = POOLS.get(scheduler);
        if (pools == null) {
            pools = POOLS.computeIfAbsent(scheduler, new NewPools(h));
        }
        return new CoroutineWorker(scheduler, pools, h, options);
    }

    /**
     * Makes a scheduler's pools. A class rather than a lambda: it runs on the scheduler's first worker,
     * where linking a lambda would spin a class.
     */
    static final class NewPools implements Function<Object, SchedulerPools> {
        private final SchedulerHandles handles;

        NewPools(SchedulerHandles handles) {
            this.handles = handles;
        }

        @Override
        public SchedulerPools apply(Object scheduler) {
            try {
                return new SchedulerPools(scheduler, handles);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
