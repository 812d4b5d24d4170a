package dev.taskflight.agent.internal.jetty;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.ClassMemo;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import dev.taskflight.recorder.core.WorkerProbe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Set;

/**
 * What the instrumented Jetty classes call. A job run by a {@code QueuedThreadPool} worker is a poll
 * and its wait for the next job a park. Some jobs wait for work themselves (the selector blocked in
 * {@code select}, an acceptor blocked in {@code accept}, a reserved thread waiting to be handed a
 * task): such a wait ends the poll and parks the worker, and the poll resumes when the wait returns.
 * A task the selector's job produces and runs itself is a poll of its own. Every method swallows its
 * own failures.
 */
public final class JettyHooks {

    /** What a job that waits for work has no executor of. */
    private static final ExecutorOf NO_EXECUTOR = new ExecutorOf(null, null, null);
    /** How a job that waits for work reaches its executor: a connector's {@code getExecutor()}, a selector's manager's. */
    private static final ClassMemo<ExecutorOf> EXECUTOR = new ClassMemo<>(JettyHooks::executorOf,
            f -> f != NO_EXECUTOR);
    /** A {@code QueuedThreadPool}'s (or subclass's) set of threads, {@code _threads}; {@code null} for another executor. */
    private static final ClassMemo<VarHandle> POOL_THREADS = new ClassMemo<>(JettyHooks::threadsOf, h -> h != null);

    private JettyHooks() {
    }

    /**
     * A worker thread leaves its pool ({@code removeThread}, the last thing its run loop does): ends
     * its poll or park and frees its index. Does nothing for another thread, or a thread that is not
     * this pool's worker.
     *
     * @param pool the {@code QueuedThreadPool}
     * @param thread the thread being removed
     */
    public static void workerExit(Object pool, Thread thread) {
        try {
            if (thread == Thread.currentThread()) {
                AgentWorker w = PoolWorkers.current();
                if (w != null && w.pool() == pool) {
                    PoolWorkers.exit(w);
                }
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A worker waits for its next job ({@code Runner.idleJobPoll}).
     *
     * @param pool the {@code QueuedThreadPool}
     * @return the worker, or {@code null}
     */
    public static AgentWorker idleStart(Object pool) {
        return park(PoolWorkers.worker(pool, JettyPoolModel.INSTANCE));
    }

    /**
     * A worker's wait for its next job returns, with a job or none.
     *
     * @param w the worker from {@link #idleStart}, or {@code null}
     */
    public static void idleEnd(AgentWorker w) {
        try {
            if (w != null) {
                w.idleEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A job starts running ({@code runJob}): a poll starts.
     *
     * @param pool the {@code QueuedThreadPool}
     * @param job the job
     * @return the worker, or {@code null} if the pool is not instrumented
     */
    public static AgentWorker jobStart(Object pool, Object job) {
        try {
            AgentWorker w = PoolWorkers.worker(pool, JettyPoolModel.INSTANCE);
            if (w != null) {
                w.taskStart(job);
            }
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A job has returned or thrown: its poll ends, or the wait it ended in.
     *
     * @param w the worker from {@link #jobStart}, or {@code null}
     */
    public static void jobEnd(AgentWorker w) {
        try {
            if (w != null) {
                w.taskEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
        idleEnd(w);
    }

    /**
     * A job starts waiting for work of its own (a selector's {@code select}, an acceptor's
     * {@code accept}, a reserved thread's wait for a task): the current poll ends and the worker parks.
     *
     * @return the current thread's worker, or {@code null} if it is no pool's worker
     */
    public static AgentWorker waitStart() {
        return park(PoolWorkers.current());
    }

    /**
     * A job starts waiting for work of its own in {@code job}'s method: a selector's {@code select} or an
     * acceptor's {@code accept}. As {@link #waitStart()}; and a thread that is no pool's worker yet, but one
     * of the threads of the {@code QueuedThreadPool} that runs {@code job}, joins that pool here. That is a
     * job that began before the agent was attached: its {@code runJob} was never seen, and a selector runs
     * requests itself between two waits, in code the attach does not replace, which are then seen as polls
     * of the selector.
     *
     * @param job the {@code ManagedSelector} or {@code ServerConnector} whose method waits
     * @return the current thread's worker, or {@code null} if it is no pool's worker
     */
    public static AgentWorker waitStart(Object job) {
        AgentWorker w = PoolWorkers.current();
        if (w == null && job != null) {
            w = lateWorker(job);
        }
        return park(w);
    }

    /** The current thread's worker in the pool that runs {@code job}, if the thread is one of that pool's; else {@code null}. */
    private static AgentWorker lateWorker(Object job) {
        try {
            Object pool = EXECUTOR.get(job.getClass()).of(job);
            if (pool == null) {
                return null;
            }
            VarHandle threads = POOL_THREADS.get(pool.getClass());
            if (threads == null || !(threads.get(pool) instanceof Set<?> set) || !set.contains(Thread.currentThread())) {
                return null;
            }
            return PoolWorkers.worker(pool, JettyPoolModel.INSTANCE);
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    private static ExecutorOf executorOf(Class<?> type) {
        MethodHandle executor = Reflect.method(type, "getExecutor"); // ServerConnector (AbstractConnector)
        if (executor != null) {
            return new ExecutorOf(executor, null, null);
        }
        VarHandle manager = Reflect.field(type, "_selectorManager"); // ManagedSelector
        MethodHandle managerExecutor = manager == null ? null : Reflect.method(manager.varType(), "getExecutor");
        if (managerExecutor == null) {
            return NO_EXECUTOR;
        }
        return new ExecutorOf(null, manager, managerExecutor);
    }

    /**
     * How a job of one class reaches its executor: its own {@code getExecutor()}, or its manager's. A class
     * rather than lambdas: it is made on a Jetty thread, where linking a lambda would spin a class.
     */
    record ExecutorOf(MethodHandle executor, VarHandle manager, MethodHandle managerExecutor) {

        /** @return the executor that runs {@code job}, or {@code null} */
        Object of(Object job) {
            if (executor != null) {
                return Reflect.call(executor, job);
            }
            return managerExecutor == null ? null : Reflect.call(managerExecutor, manager.get(job));
        }
    }

    private static VarHandle threadsOf(Class<?> type) {
        Class<?> pool = Reflect.superclassNamed(type, JettyAdapter.POOL);
        return pool == null ? null : Reflect.field(pool, "_threads");
    }

    /**
     * The wait started by {@link #waitStart} returns: a poll of {@code work} resumes, if there is work.
     *
     * @param w the worker, or {@code null}
     * @param work what the job does next: the selector or connector itself, or the task a reserved
     *        thread was handed; {@code null} if the wait ended with nothing to do
     */
    public static void waitEnd(AgentWorker w, Object work) {
        try {
            if (w != null && work != null) {
                w.taskStart(work, WorkerProbe.NO_SUBMIT_TIME);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A producing job runs a task it produced itself: the job's poll ends and the task's starts.
     *
     * @param task the produced task
     * @return the current thread's worker if it was in a poll, else {@code null}
     */
    public static AgentWorker producedTaskStart(Object task) {
        try {
            AgentWorker w = PoolWorkers.current();
            if (w == null || !w.polling()) {
                return null;
            }
            w.taskEnd();
            w.taskStart(task, WorkerProbe.NO_SUBMIT_TIME);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * The produced task has returned or thrown: its poll ends and the producing job's resumes.
     *
     * @param w the worker from {@link #producedTaskStart}, or {@code null}
     * @param producer the execution strategy, which the job goes on with
     */
    public static void producedTaskEnd(AgentWorker w, Object producer) {
        try {
            if (w != null) {
                w.taskEnd();
                w.taskStart(producer, WorkerProbe.NO_SUBMIT_TIME);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** Parks a worker (ending its poll, if any); returns it. */
    private static AgentWorker park(AgentWorker w) {
        try {
            if (w != null) {
                w.idleStart();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
        return w;
    }
}
