package dev.taskflight.agent.internal;

import dev.taskflight.recorder.core.WorkerProbe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The class to report for a task: the application's task inside the JDK's wrappers
 * ({@code FutureTask}, {@code Executors.RunnableAdapter}, the {@code ForkJoinTask} adapters,
 * {@code CompletableFuture}'s async tasks) and the libraries' (kotlinx-coroutines' dispatched
 * continuations and task wrappers, Reactor's scheduler tasks), and the trigger time of scheduled tasks. Wrappers a JDK
 * does not have are skipped; a wrapper that cannot be opened reports itself.
 */
public final class TaskClasses {

    /** Wrapper class name → the field holding the wrapped task. */
    private static final Map<String, String> WRAPPERS = Map.ofEntries(
            Map.entry("java.util.concurrent.FutureTask", "callable"),
            Map.entry("java.util.concurrent.Executors$RunnableAdapter", "task"),
            Map.entry("java.util.concurrent.ForkJoinTask$RunnableExecuteAction", "runnable"),
            Map.entry("java.util.concurrent.ForkJoinTask$AdaptedRunnable", "runnable"),
            Map.entry("java.util.concurrent.ForkJoinTask$AdaptedRunnableAction", "runnable"),
            Map.entry("java.util.concurrent.ForkJoinTask$AdaptedCallable", "callable"),
            Map.entry("java.util.concurrent.ForkJoinTask$AdaptedInterruptibleCallable", "callable"),
            Map.entry("java.util.concurrent.ForkJoinTask$AdaptedInterruptibleRunnable", "runnable"),
            Map.entry("java.util.concurrent.CompletableFuture$AsyncSupply", "fn"),
            Map.entry("java.util.concurrent.CompletableFuture$AsyncRun", "fn"),
            Map.entry("kotlinx.coroutines.internal.DispatchedContinuation", "continuation"),
            Map.entry("kotlinx.coroutines.internal.LimitedDispatcher$Worker", "currentTask"),
            Map.entry("kotlinx.coroutines.scheduling.TaskImpl", "block"),
            Map.entry("reactor.core.scheduler.SchedulerTask", "task"),
            Map.entry("reactor.core.scheduler.WorkerTask", "task"));

    private static final VarHandle NONE = MethodHandles.arrayElementVarHandle(Object[].class);

    /** For each class, the handle of its wrapped-task field, or {@link #NONE}. */
    private static final ClassMemo<VarHandle> INNER = new ClassMemo<>(TaskClasses::innerField, h -> h != NONE);

    private static final VarHandle SCHEDULED_TIME = scheduledTime();
    private static final Class<?> SCHEDULED_TASK = SCHEDULED_TIME == null ? null : scheduledTaskClass();

    private TaskClasses() {
    }

    private static VarHandle innerField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String field = WRAPPERS.get(c.getName());
            if (field != null) {
                try {
                    return MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                            .findVarHandle(c, field, c.getDeclaredField(field).getType());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return NONE;
                }
            }
        }
        return NONE;
    }

    /**
     * Returns the class of the application's task inside a task the JDK runs.
     *
     * @param task the task the pool runs, or {@code null}
     * @return the innermost task's class, or {@code null} if {@code task} is {@code null}
     */
    public static Class<?> of(Object task) {
        Object current = task;
        for (int depth = 0; current != null && depth < 4; depth++) {
            VarHandle inner = INNER.get(current.getClass());
            if (inner == NONE) {
                return current.getClass();
            }
            Object next = inner.get(current);
            if (next == null) {
                return current.getClass();
            }
            current = next;
        }
        return current == null ? null : current.getClass();
    }

    /**
     * Returns when a scheduled task was due, which makes its scheduling delay.
     *
     * @param task the task a {@code ScheduledThreadPoolExecutor} runs
     * @return its trigger time in {@link System#nanoTime()} terms, or {@link WorkerProbe#NO_SUBMIT_TIME}
     */
    public static long dueTime(Object task) {
        if (SCHEDULED_TASK != null && task != null && task.getClass() == SCHEDULED_TASK) {
            return (long) SCHEDULED_TIME.get(task);
        }
        return WorkerProbe.NO_SUBMIT_TIME;
    }

    private static Class<?> scheduledTaskClass() {
        try {
            return Class.forName("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask");
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static VarHandle scheduledTime() {
        try {
            Class<?> c = Class.forName("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask");
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findVarHandle(c, "time", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.debug("scheduled tasks' due time unavailable: " + e);
            return null;
        }
    }
}
