package dev.taskflight.agent.internal.jboss;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolWorkers;

/**
 * What the instrumented {@code EnhancedQueueExecutor} calls. A pool thread becomes a worker at its
 * first task (the task run is the anchor: without it nothing else is recorded), each task run is a
 * poll, each wait in {@code PoolThreadNode.park} a park, and the end of {@code ThreadBody.run} the
 * worker's exit. Every method swallows its own failures.
 */
public final class EqeHooks {

    private EqeHooks() {
    }

    /**
     * A task is submitted.
     *
     * @param pool the executor
     * @param task the task as submitted, the one {@link #taskStart} will see
     */
    public static void submitted(Object pool, Object task) {
        try {
            PoolWorkers.submitted(pool, task);
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A pool thread starts running a task.
     *
     * @param pool the executor
     * @param task the submitted task
     * @return the thread's worker, or {@code null} if the pool is not recorded
     */
    public static AgentWorker taskStart(Object pool, Object task) {
        try {
            AgentWorker w = PoolWorkers.worker(pool, EqeModel.INSTANCE);
            if (w != null) {
                w.taskStart(task);
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * The task ended, normally or not.
     *
     * @param w what {@link #taskStart} returned
     */
    public static void taskEnd(AgentWorker w) {
        try {
            if (w != null) {
                w.taskEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** @return the current worker, now idle, or {@code null} if the thread is no recorded worker */
    public static AgentWorker idleStart() {
        try {
            AgentWorker w = PoolWorkers.current();
            if (w != null) {
                w.idleStart();
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /** @param w what {@link #idleStart} returned */
    public static void idleEnd(AgentWorker w) {
        try {
            if (w != null) {
                w.idleEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** A pool thread ends. */
    public static void threadExit() {
        try {
            AgentWorker w = PoolWorkers.current();
            if (w != null) {
                PoolWorkers.exit(w);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }
}
