package dev.taskflight.agent.internal.netty;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.ClassMemo;
import dev.taskflight.agent.internal.PoolNames;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolModel;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import dev.taskflight.events.PoolKinds;
import dev.taskflight.recorder.core.PoolProbe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collection;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the instrumented Netty classes call. An event loop's thread is a worker of its group from
 * the start of its run loop to its end; each wake-up that handles selected keys is a poll (its task
 * class is the I/O handler's), and so is each task it runs from its queues; its wait in
 * {@code select} is a park. A {@code DefaultEventExecutor} is the same with its tasks as polls and
 * its wait in {@code takeTask} as a park. Hooks take {@code Object}: Netty is not visible from the
 * boot class path. Every method swallows its own failures.
 */
public final class NettyHooks {

    /** Netty's {@code DefaultThreadFactory} names: {@code <prefix>-<group id>-<thread number>}. */
    private static final Pattern NETTY_THREAD = Pattern.compile("(.+-\\d+)-\\d+");
    private static final PoolModel EVENT_LOOPS = new GroupModel(PoolKinds.NETTY_EVENT_LOOP_GROUP);
    private static final PoolModel EXECUTORS = new GroupModel(PoolKinds.NETTY_EVENT_EXECUTOR_GROUP);

    /** Each executor class's {@code parent()}, as {@code (Object)Object}, or {@code null}. */
    private static final ClassMemo<MethodHandle> PARENT = new ClassMemo<>(NettyHooks::parentHandle, h -> h != null);
    /**
     * Netty's {@code ThreadExecutorMap.currentExecutor()}, as {@code ()Object}, seen from a Netty class's
     * loader (the loop on the current thread: Netty sets it as the loop's thread starts), or {@code null}.
     */
    private static final ClassMemo<MethodHandle> CURRENT_EXECUTOR = new ClassMemo<>(NettyHooks::currentExecutorHandle,
            h -> h != null);

    /** Whether a class is Netty's {@code DefaultEventExecutor} or extends it: whose {@code run()} is woven. */
    private static final ClassMemo<Boolean> DEFAULT_EXECUTOR =
            new ClassMemo<>(type -> Reflect.superclassNamed(type, NettyAdapter.DEFAULT_EXECUTOR) != null);

    private NettyHooks() {
    }

    private static MethodHandle currentExecutorHandle(Class<?> type) {
        try {
            Class<?> map = Class.forName("io.netty.util.internal.ThreadExecutorMap", false, type.getClassLoader());
            return MethodHandles.publicLookup().unreflect(map.getMethod("currentExecutor"))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static MethodHandle parentHandle(Class<?> type) {
        try {
            return MethodHandles.publicLookup().unreflect(type.getMethod("parent"))
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * An event loop or executor starts its run loop on the current thread.
     *
     * @param executor the loop or executor
     * @param eventLoop whether it is an I/O event loop (else a task executor)
     * @return the worker, or {@code null} if its group is not recorded
     */
    public static Object loopStarted(Object executor, boolean eventLoop) {
        try {
            return PoolWorkers.worker(group(executor), eventLoop ? EVENT_LOOPS : EXECUTORS);
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A run loop ends (the loop shuts down or suspends).
     *
     * @param worker what {@link #loopStarted} returned
     */
    public static void loopExited(Object worker) {
        if (worker instanceof AgentWorker w) {
            PoolWorkers.exit(w);
        }
    }

    /**
     * An event loop handles the keys its selector selected: a poll, unless none were.
     *
     * @param ioHandler the I/O handler, named as the poll's task
     * @param selectedKeys the selected-key set, {@code null} if the handler does not keep one
     * @return the worker, to pass to {@link #taskEnd}, or {@code null}
     */
    public static Object ioStart(Object ioHandler, Object selectedKeys) {
        try {
            AgentWorker w = PoolWorkers.current();
            if (w == null || selectedKeys instanceof Collection<?> keys && keys.isEmpty()) {
                return null;
            }
            w.taskStart(ioHandler);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * A loop or executor runs a task from its queues: a poll (part of the current one if nested).
     *
     * @param task the task
     * @return the worker, to pass to {@link #taskEnd}, or {@code null}
     */
    public static Object taskStart(Object task) {
        try {
            AgentWorker w = PoolWorkers.current();
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
     * A poll begun by {@link #ioStart} or {@link #taskStart} ends, normally or not.
     *
     * @param worker what they returned
     */
    public static void taskEnd(Object worker) {
        try {
            if (worker instanceof AgentWorker w) {
                w.taskEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * The current loop blocks for I/O or, if {@code queue} is given, waits for a task if its queue
     * is empty; not inside a poll.
     *
     * @param queue the executor's task queue, or {@code null} for a selector wait
     * @return the worker, to pass to {@link #waitEnd}, or {@code null}
     */
    public static Object waitStart(Object queue) {
        return idleStart(PoolWorkers.current(), queue);
    }

    /**
     * As {@link #waitStart}, for an agent attached to a running JVM: a {@code DefaultEventExecutor}'s
     * thread that is no worker yet joins the executor's group here. That is an executor that was
     * running when the agent was attached: its run loop's start was never seen, but it asks
     * {@code takeTask} for each task, so its tasks are polls and its waits parks from its next wait on.
     * Other executors ({@code DefaultEventLoop}) are left alone, as when they start after the agent.
     *
     * @param executor the executor whose thread waits, the current thread's
     * @param queue the executor's task queue
     * @return the worker, to pass to {@link #waitEnd}, or {@code null}
     */
    public static Object lateWaitStart(Object executor, Object queue) {
        AgentWorker w = PoolWorkers.current();
        if (w == null && executor != null) {
            try {
                if (DEFAULT_EXECUTOR.get(executor.getClass())) {
                    w = PoolWorkers.worker(group(executor), EXECUTORS);
                }
            } catch (Throwable t) {
                AgentLog.hookFailed(t);
            }
        }
        return idleStart(w, queue);
    }

    /**
     * The current event loop blocks for I/O, in a method of {@code loopOrHandler} (the loop in 4.1, its
     * I/O handler in 4.2); not inside a poll. As {@link #waitStart} with no queue; and a loop thread that
     * is no worker yet joins its group here. That is a loop that was running when the agent was attached:
     * its run loop's start was never seen, but its waits and I/O are reached anew at each wake-up, so its
     * I/O and tasks are polls and its waits parks from its next wait on.
     *
     * @param loopOrHandler the object whose method waits
     * @return the worker, to pass to {@link #waitEnd}, or {@code null}
     */
    public static Object ioWaitStart(Object loopOrHandler) {
        AgentWorker w = PoolWorkers.current();
        if (w == null && loopOrHandler != null) {
            try {
                w = lateLoop(loopOrHandler);
            } catch (Throwable t) {
                AgentLog.hookFailed(t);
            }
        }
        return idleStart(w, null);
    }

    /** Parks a worker that is not in a poll, unless its executor's {@code queue} holds a task; returns it if parked. */
    private static Object idleStart(AgentWorker w, Object queue) {
        try {
            if (w == null || w.polling() || queue instanceof Queue<?> q && !q.isEmpty()) {
                return null;
            }
            w.idleStart();
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /** The current thread's worker in the group of the event loop it runs, from Netty's own record of it. */
    private static AgentWorker lateLoop(Object loopOrHandler) throws Throwable {
        MethodHandle current = CURRENT_EXECUTOR.get(loopOrHandler.getClass());
        Object loop = current == null ? null : (Object) current.invokeExact();
        return loop == null ? null : PoolWorkers.worker(group(loop), EVENT_LOOPS);
    }

    /**
     * The wait begun by {@link #waitStart} ends.
     *
     * @param worker what it returned
     */
    public static void waitEnd(Object worker) {
        try {
            if (worker instanceof AgentWorker w) {
                w.idleEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A task is submitted to a loop or executor, sampled for its scheduling delay.
     *
     * @param executor the loop or executor
     * @param task the task, as the loop will run it
     */
    public static void submitted(Object executor, Object task) {
        try {
            PoolWorkers.submitted(group(executor), task);
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /** The pool of a loop: its group, or the loop itself if it has none. */
    private static Object group(Object executor) throws Throwable {
        MethodHandle parent = PARENT.get(executor.getClass());
        Object group = parent == null ? null : (Object) parent.invokeExact(executor);
        return group != null ? group : executor;
    }

    /**
     * Names a group from one of its threads: {@code nioEventLoopGroup-2-1} gives
     * {@code nioEventLoopGroup-2} (Netty numbers its groups; the boss and worker groups stay apart),
     * other names lose their worker number.
     */
    static String poolName(String threadName) {
        Matcher m = NETTY_THREAD.matcher(threadName);
        if (m.matches()) {
            return m.group(1);
        }
        return PoolNames.fromThreadName(threadName).orElse(threadName);
    }

    /** A Netty group of one kind, named by its threads. */
    private record GroupModel(String kind) implements PoolModel {
        @Override
        public String name(Object pool, Thread firstWorker) {
            return poolName(firstWorker.getName());
        }

        @Override
        public PoolProbe probe(Object pool, String name) {
            return new NettyGroupProbe(name, pool, kind);
        }
    }
}
