package dev.taskflight.agent.internal.jboss;

import dev.taskflight.agent.internal.pool.AgentWorker;
import net.bytebuddy.asm.Advice;

/**
 * The advice woven into jboss-threads' {@code EnhancedQueueExecutor} and its inner classes. Each
 * body is one call to {@link EqeHooks}; Byte Buddy inlines it and suppresses anything it throws.
 */
public final class EqeAdvice {

    private EqeAdvice() {
    }

    /** On {@code EnhancedQueueExecutor.execute(Runnable)}: a submission, sampled for its scheduling delay. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            EqeHooks.submitted(pool, task);
        }
    }

    /** On {@code EnhancedQueueExecutor$Task.run()}: one task run on a pool thread, a poll. */
    public static final class TaskRun {
        private TaskRun() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter(@Advice.FieldValue("this$0") Object pool, @Advice.FieldValue("delegate") Object task) {
            return EqeHooks.taskStart(pool, task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker worker) {
            EqeHooks.taskEnd(worker);
        }
    }

    /** On {@code EnhancedQueueExecutor$PoolThreadNode.park(...)}: a pool thread waits for a task. */
    public static final class Park {
        private Park() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static AgentWorker enter() {
            return EqeHooks.idleStart();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter AgentWorker worker) {
            EqeHooks.idleEnd(worker);
        }
    }

    /** On {@code EnhancedQueueExecutor$ThreadBody.run()}: the life of a pool thread; its end. */
    public static final class ThreadBodyRun {
        private ThreadBodyRun() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            EqeHooks.threadExit();
        }
    }
}
