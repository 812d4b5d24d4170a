package dev.taskflight.agent.internal.netty;

import net.bytebuddy.asm.Advice;

/**
 * The advice woven into Netty's event loops and executors. Each body is one call to
 * {@link NettyHooks}; Byte Buddy inlines it and suppresses anything it throws.
 */
public final class NettyAdvice {

    private NettyAdvice() {
    }

    /** On an I/O event loop's {@code run()}: the life of its thread as a worker of its group. */
    public static final class LoopRun {
        private LoopRun() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object loop) {
            return NettyHooks.loopStarted(loop, true);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.loopExited(worker);
        }
    }

    /** On {@code DefaultEventExecutor.run()}: the same for a task executor. */
    public static final class ExecutorRun {
        private ExecutorRun() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object executor) {
            return NettyHooks.loopStarted(executor, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.loopExited(worker);
        }
    }

    /** On the selector, {@code epoll_wait} or io_uring wait of a loop or I/O handler: a park. */
    public static final class Select {
        private Select() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return NettyHooks.ioWaitStart(self);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.waitEnd(worker);
        }
    }

    /** On {@code processSelectedKeys()}: the I/O of one wake-up, a poll. */
    public static final class ProcessSelectedKeys {
        private ProcessSelectedKeys() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object ioHandler, @Advice.FieldValue("selectedKeys") Object keys) {
            return NettyHooks.ioStart(ioHandler, keys);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.taskEnd(worker);
        }
    }

    /**
     * On an epoll loop's or I/O handler's {@code processReady}, or the io_uring handler's completion
     * processing: the I/O of one wake-up, a poll.
     */
    public static final class ProcessReady {
        private ProcessReady() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object ioHandler) {
            return NettyHooks.ioStart(ioHandler, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.taskEnd(worker);
        }
    }

    /** On the static {@code AbstractEventExecutor.runTask(Runnable)}: one task run, a poll. */
    public static final class RunTask {
        private RunTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) Object task) {
            return NettyHooks.taskStart(task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.taskEnd(worker);
        }
    }

    /** On {@code SingleThreadEventExecutor.takeTask()}: waiting for a task, a park if none is queued. */
    public static final class TakeTask {
        private TakeTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("taskQueue") Object queue) {
            return NettyHooks.waitStart(queue);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.waitEnd(worker);
        }
    }

    /**
     * {@link TakeTask} for an agent attached to a running JVM: a {@code DefaultEventExecutor} whose thread
     * runs no worker yet (it was running at the attach) joins its group here.
     */
    public static final class LateTakeTask {
        private LateTakeTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object executor, @Advice.FieldValue("taskQueue") Object queue) {
            return NettyHooks.lateWaitStart(executor, queue);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object worker) {
            NettyHooks.waitEnd(worker);
        }
    }

    /** On {@code SingleThreadEventExecutor.execute(Runnable)}: a submission, sampled for its delay. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
            NettyHooks.submitted(executor, task);
        }
    }
}
