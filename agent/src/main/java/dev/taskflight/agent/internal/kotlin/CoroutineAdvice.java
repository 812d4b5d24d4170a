package dev.taskflight.agent.internal.kotlin;

import net.bytebuddy.asm.Advice;

/**
 * The advice woven into {@code CoroutineScheduler} and its {@code Worker}. Each body is one call to
 * {@link CoroutineHooks}; Byte Buddy inlines it and suppresses anything it throws.
 */
public final class CoroutineAdvice {

    private CoroutineAdvice() {
    }

    /** On {@code Worker.runWorker()}: the life of a worker thread. */
    public static final class RunWorker {
        private RunWorker() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static CoroutineWorker enter(@Advice.FieldValue("this$0") Object scheduler) {
            return CoroutineHooks.workerStart(scheduler);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter CoroutineWorker worker) {
            CoroutineHooks.workerExit(worker);
        }
    }

    /** On {@code CoroutineScheduler.runSafely(Task)}: one task run, a poll. */
    public static final class RunSafely {
        private RunSafely() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static CoroutineWorker enter(@Advice.This Object scheduler, @Advice.Argument(0) Object task) {
            return CoroutineHooks.taskStart(scheduler, task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter CoroutineWorker worker) {
            CoroutineHooks.taskEnd(worker);
        }
    }

    /** On {@code Worker.park()}: the worker waits for work. */
    public static final class Park {
        private Park() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static CoroutineWorker enter() {
            return CoroutineHooks.parkStart();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter CoroutineWorker worker) {
            CoroutineHooks.parkEnd(worker);
        }
    }

    /** On {@code Worker.trySteal(..)}: a task taken from another worker's local queue. */
    public static final class TrySteal {
        private TrySteal() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object task) {
            if (task != null) {
                CoroutineHooks.stole(task);
            }
        }
    }
}
