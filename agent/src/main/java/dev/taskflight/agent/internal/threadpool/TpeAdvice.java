package dev.taskflight.agent.internal.threadpool;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.Weaver;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;

/**
 * The advice woven into {@code java.util.concurrent.ThreadPoolExecutor} (the same on every JDK
 * since 8) and into the copies of that class that servers ship (Tomcat's
 * {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}). It names no pool type, so the same
 * bytes serve every copy; each body is one call to {@link TpeHooks}, and Byte Buddy inlines it and
 * suppresses anything it throws.
 */
public final class TpeAdvice {

    private TpeAdvice() {
    }

    /**
     * The worker loop's advice, for any copy of the class: {@code runWorker}, {@code getTask} and
     * {@code execute(Runnable)}; and, inside {@code getTask}, its calls of the queue's {@code take()} and
     * {@code poll(long, TimeUnit)} sent to {@link TpeHooks#take} and {@link TpeHooks#poll}.
     *
     * @return the advice and the methods each goes into
     */
    public static List<Weaver.Woven> workerLoop() {
        return List.of(
                Weaver.advice(RunWorker.class, named("runWorker").and(takesArguments(1))),
                Weaver.advice(GetTask.class, named("getTask").and(takesArguments(0))),
                Weaver.rewrite(queueCall("take", TpeHooks.TAKE)),
                Weaver.rewrite(queueCall("poll", TpeHooks.POLL)),
                Weaver.advice(Execute.class, named("execute").and(takesArguments(1))));
    }

    /** Sends {@code getTask}'s call of {@code BlockingQueue.<method>} to the hook, which has the same parameters after the queue. */
    private static AsmVisitorWrapper queueCall(String method, Method hook) {
        return MemberSubstitution.relaxed()
                .method(named(method).and(isDeclaredBy(BlockingQueue.class))
                        .and(takesArguments(hook.getParameterCount() - 1)))
                .replaceWith(hook)
                .on(named("getTask").and(takesArguments(0)));
    }

    /** On the JDK pool's constructor every other constructor delegates to. */
    public static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            TpeHooks.created(pool);
        }
    }

    /** On {@code runWorker(Worker)}: the life of a worker thread. */
    public static final class RunWorker {
        private RunWorker() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(0) Object worker) {
            return TpeHooks.workerStart(pool, worker);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object state) {
            TpeHooks.workerExit(state);
        }
    }

    /** On {@code getTask()}: between two polls, possibly waiting on the queue. */
    public static final class GetTask {
        private GetTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.FieldValue("workQueue") Object queue) {
            return TpeHooks.beforeGetTask(pool, queue);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object state, @Advice.Return Object task) {
            TpeHooks.afterGetTask(state, task);
        }
    }

    /**
     * On {@code beforeExecute(Thread, Runnable)} and {@code afterExecute(Runnable, Throwable)}: the tasks of a
     * worker that was running when the agent was attached (the JDK's pool only).
     *
     * @return the advice and the methods each goes into
     */
    public static List<Weaver.Woven> lateWorkers() {
        return List.of(
                Weaver.advice(BeforeExecute.class, named("beforeExecute").and(takesArguments(2))),
                Weaver.advice(AfterExecute.class, named("afterExecute").and(takesArguments(2))));
    }

    /** On {@code beforeExecute(Thread, Runnable)}. */
    public static final class BeforeExecute {
        private BeforeExecute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(1) Object task) {
            TpeHooks.beforeExecute(pool, task);
        }
    }

    /** On {@code afterExecute(Runnable, Throwable)}. */
    public static final class AfterExecute {
        private AfterExecute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            TpeHooks.afterExecute(pool);
        }
    }

    /** On {@code execute(Runnable)}: a submission, sampled for its scheduling delay. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            TpeHooks.submitted(pool, task);
        }
    }
}
