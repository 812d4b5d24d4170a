package dev.taskflight.agent.internal.jetty;

import dev.taskflight.agent.internal.pool.AgentWorker;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import net.bytebuddy.asm.Advice;

/**
 * The advice woven into Jetty's classes. Each body is one call to {@link JettyHooks}; Byte Buddy
 * inlines it and suppresses anything it throws. Jetty's types are passed as {@code Object}: the
 * hooks live in the bootstrap class loader and cannot see them.
 */
public final class JettyAdvice {

    private JettyAdvice() {
    }

    /**
     * On {@code QueuedThreadPool.removeThread(Thread)}, which a worker's run loop calls last, in its
     * {@code finally}, as its thread ends. The loop itself is not woven: C2 compiles it on stack
     * replacement, and a handler around the whole of it made that code larger for every job. A worker
     * attaches lazily, at its first job or wait.
     */
    public static final class RemoveThread {
        private RemoveThread() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Thread thread) {
            JettyHooks.workerExit(pool, thread);
        }
    }

    /** On {@code QueuedThreadPool$Runner.idleJobPoll(long)}: waiting for the next job. */
    public static final class IdleJobPoll {
        private IdleJobPoll() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter(@Advice.FieldValue("this$0") Object pool) {
            return JettyHooks.idleStart(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker w) {
            JettyHooks.idleEnd(w);
        }
    }

    /** On {@code QueuedThreadPool.runJob(Runnable)}: one job run, a poll. */
    public static final class RunJob {
        private RunJob() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter(@Advice.This Object pool, @Advice.Argument(0) Object job) {
            return JettyHooks.jobStart(pool, job);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker w) {
            JettyHooks.jobEnd(w);
        }
    }

    /** On {@code QueuedThreadPool.execute(Runnable)}: a submission, sampled for its scheduling delay. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Object job) {
            PoolWorkers.submitted(pool, job);
        }
    }

    /**
     * On a job's own wait for work whose object goes on with the work afterwards: the selector's
     * {@code ManagedSelector.select(Selector)} and the acceptor's {@code ServerConnector.accept(int)}.
     */
    public static final class WaitInJob {
        private WaitInJob() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter(@Advice.This Object self) {
            return JettyHooks.waitStart(self);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker w, @Advice.This Object self) {
            JettyHooks.waitEnd(w, self);
        }
    }

    /** On a reserved thread's wait to be handed a task ({@code waitForTask()}, {@code reservedWait()} before Jetty 12). */
    public static final class ReservedWait {
        private ReservedWait() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter() {
            return JettyHooks.waitStart();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker w, @Advice.Return Object task) {
            JettyHooks.waitEnd(w, task);
        }
    }

    /**
     * On {@code AdaptiveExecutionStrategy.runTask(Runnable)}: the thread that produced a task (the
     * selector's) runs it itself, as a poll of its own.
     */
    public static final class ProducedTask {
        private ProducedTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter(@Advice.Argument(0) Object task) {
            return JettyHooks.producedTaskStart(task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker w, @Advice.This Object strategy) {
            JettyHooks.producedTaskEnd(w, strategy);
        }
    }
}
