package dev.taskflight.agent.internal.threadpool;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * The advice woven into {@code ThreadPoolExecutor}, the same on every JDK since 8. Each body is
 * one call to {@link TpeHooks}; Byte Buddy inlines it and suppresses anything it throws.
 */
public final class TpeAdvice {

    private TpeAdvice() {
    }

    /** On the constructor every other constructor delegates to. */
    public static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor pool) {
            TpeHooks.created(pool);
        }
    }

    /** On {@code runWorker(Worker)}: the life of a worker thread. */
    public static final class RunWorker {
        private RunWorker() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TpeWorker enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Object worker,
                @Advice.FieldValue("workQueue") BlockingQueue<?> queue) {
            return TpeHooks.workerStart(pool, worker, queue);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter TpeWorker state) {
            TpeHooks.workerExit(state);
        }
    }

    /** On {@code getTask()}: between two polls, possibly parked on the queue. */
    public static final class GetTask {
        private GetTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TpeWorker enter(@Advice.This ThreadPoolExecutor pool,
                @Advice.FieldValue("workQueue") BlockingQueue<?> queue) {
            return TpeHooks.beforeGetTask(pool, queue);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter TpeWorker state, @Advice.Return Runnable task) {
            TpeHooks.afterGetTask(state, task);
        }
    }

    /** On {@code execute(Runnable)}: a submission, sampled for its scheduling delay. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Runnable task) {
            TpeHooks.submitted(pool, task);
        }
    }
}
