package dev.taskflight.agent.internal.forkjoin;

import dev.taskflight.recorder.core.WorkerProbe;
import java.util.concurrent.ForkJoinPool;
import net.bytebuddy.asm.Advice;

/**
 * The advice woven into {@code ForkJoinPool} and its {@code WorkQueue}. The bodies bind only what
 * every JDK line has (the task argument, the queue's {@code source} field); which methods they are
 * woven into is the JDK strategy's choice.
 */
public final class FjpAdvice {

    private FjpAdvice() {
    }

    /** On every constructor: remembers the creation site. */
    public static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinPool pool) {
            FjpHooks.created(pool);
        }
    }

    /** On {@code ForkJoinPool.runWorker(WorkQueue)}: the life of a worker thread. */
    public static final class RunWorker {
        private RunWorker() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            FjpHooks.workerStart();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            FjpHooks.workerExit();
        }
    }

    /** On {@code WorkQueue.topLevelExec(ForkJoinTask, ...)}: one top-level poll. */
    public static final class TopLevelExec {
        private TopLevelExec() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static WorkerProbe enter(@Advice.Argument(0) Object task, @Advice.FieldValue("source") int source) {
            return FjpHooks.pollStart(task, source);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter WorkerProbe w) {
            FjpHooks.pollEnd(w);
        }
    }

    /**
     * On {@code WorkQueue.tryPoll()} (JDK 17 to 20, where only {@code topLevelExec} calls it): the
     * worker takes one more task from the queue its top-level task came from, which is a poll of its
     * own.
     */
    public static final class TryPoll {
        private TryPoll() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object task, @Advice.FieldValue("owner") Thread owner) {
            if (task != null) {
                FjpHooks.nextFromSource(task, owner);
            }
        }
    }

    /**
     * On {@code ForkJoinPool.externalPush(ForkJoinTask)} (JDK 17 to 20): a submission from outside
     * the pool, sampled for its scheduling delay.
     */
    public static final class ExternalPush {
        private ExternalPush() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(0) Object task) {
            FjpHooks.submitted(pool, task);
        }
    }

    /**
     * On {@code ForkJoinPool.poolSubmit(boolean, ForkJoinTask)} (JDK 21 and later): a submission,
     * sampled for its scheduling delay if it comes from outside the pool.
     */
    public static final class PoolSubmit {
        private PoolSubmit() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(1) Object task) {
            FjpHooks.submitted(pool, task);
        }
    }

    /** On {@code ForkJoinPool.awaitWork(...)}: one park. */
    public static final class AwaitWork {
        private AwaitWork() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static WorkerProbe enter() {
            return FjpHooks.parkStart();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter WorkerProbe w) {
            FjpHooks.parkEnd(w);
        }
    }
}
