package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.adapter.Weaver;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.forkjoin.FjpAdvice;
import dev.taskflight.agent.internal.virtual.VtAdvice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** The internals the strategies share, named once: classes, and the advice every line weaves. */
final class ForkJoinShapes {

    static final String POOL = "java.util.concurrent.ForkJoinPool";
    static final String QUEUE = "java.util.concurrent.ForkJoinPool$WorkQueue";
    static final String TASK = "java.util.concurrent.ForkJoinTask";
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

    private ForkJoinShapes() {
    }

    /** @return what is missing among {@code runWorker(WorkQueue)} and {@code WorkQueue.source} */
    static List<String> missingCommon() {
        return present(Weaver.missing(POOL, "runWorker", QUEUE), Weaver.missingField(QUEUE, "source"));
    }

    /** @return what is missing of the virtual-thread internals of JDK 21 and later */
    static List<String> missingVirtualThreads() {
        return present(
                Weaver.missing(VIRTUAL_THREAD, "runContinuation"),
                Weaver.missing(VIRTUAL_THREAD, "submitRunContinuation"),
                Weaver.missing(VIRTUAL_THREAD, "<init>", "java.util.concurrent.Executor", "java.lang.String",
                        "int", "java.lang.Runnable"));
    }

    /** Weaves the pool advice: constructors, {@code runWorker}, {@code topLevelExec} and {@code awaitWork}. */
    static AgentBuilder forkJoin(AgentBuilder builder, Weaver weaver, int topLevelExecArguments) {
        builder = weaver.weave(builder, POOL, FjpAdvice.Constructed.class, isConstructor());
        builder = weaver.weave(builder, POOL, FjpAdvice.RunWorker.class, named("runWorker").and(takesArguments(1)));
        builder = weaver.weave(builder, POOL, FjpAdvice.AwaitWork.class, named("awaitWork"));
        return weaver.weave(builder, QUEUE, FjpAdvice.TopLevelExec.class,
                named("topLevelExec").and(takesArguments(topLevelExecArguments)));
    }

    /**
     * Weaves the sampled-submission advice into {@code externalPush(ForkJoinTask)}, the path of every
     * submission from outside a pool on JDK 17 to 20, if this JDK has it.
     */
    static AgentBuilder externalPush(AgentBuilder builder, Weaver weaver) {
        return optional(builder, weaver, Weaver.missing(POOL, "externalPush", TASK), FjpAdvice.ExternalPush.class,
                named("externalPush").and(takesArguments(1)));
    }

    /**
     * Weaves the sampled-submission advice into {@code poolSubmit(boolean, ForkJoinTask)}, the path of
     * every {@code execute}, {@code submit} and {@code invoke} on JDK 21 and later, if this JDK has it.
     */
    static AgentBuilder poolSubmit(AgentBuilder builder, Weaver weaver) {
        return optional(builder, weaver, Weaver.missing(POOL, "poolSubmit", "boolean", TASK), FjpAdvice.PoolSubmit.class,
                named("poolSubmit").and(takesArguments(2)));
    }

    private static AgentBuilder optional(AgentBuilder builder, Weaver weaver, String missing, Class<?> advice,
            ElementMatcher<? super MethodDescription> methods) {
        if (missing != null) {
            AgentLog.debug(missing + " not found: plain ForkJoinPool submissions have no scheduling delay");
            return builder;
        }
        return weaver.weave(builder, POOL, advice, methods);
    }

    /** Weaves the virtual-thread advice: creation, every submit, every mount. */
    static AgentBuilder virtualThreads(AgentBuilder builder, Weaver weaver) {
        builder = weaver.weave(builder, VIRTUAL_THREAD, VtAdvice.Constructed.class,
                isConstructor().and(takesArguments(4)).and(ElementMatchers.takesArgument(3, Runnable.class)));
        builder = weaver.weave(builder, VIRTUAL_THREAD, VtAdvice.Submit.class,
                ElementMatchers.nameContains("ubmitRunContinuation").and(ElementMatchers.not(ElementMatchers.isStatic())));
        return weaver.weave(builder, VIRTUAL_THREAD, VtAdvice.RunContinuation.class,
                named("runContinuation").and(takesArguments(0)));
    }

    static List<String> present(String... missing) {
        List<String> result = new ArrayList<>();
        for (String m : missing) {
            if (Objects.nonNull(m)) {
                result.add(m);
            }
        }
        return result;
    }
}
