package dev.taskflight.agent.internal.kotlin;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.AgentFamilies;
import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.LibraryShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The scheduler adapter for Kotlin's {@code kotlinx.coroutines.scheduling.CoroutineScheduler}
 * (kotlinx-coroutines 1.6 and later), the scheduler behind {@code Dispatchers.Default} and
 * {@code Dispatchers.IO}. Checks the scheduler, its {@code Worker} and its {@code Task} against
 * the shape it needs before weaving either class; a version that does not fit gets one warning
 * and no instrumentation.
 */
public final class CoroutineAdapter {

    /** The family name, in warnings and in {@code AgentInfo}. */
    public static final String FAMILY = "kotlin-coroutines";

    static final String SCHEDULER = "kotlinx.coroutines.scheduling.CoroutineScheduler";
    static final String WORKER = SCHEDULER + "$Worker";
    static final String TASK = "kotlinx.coroutines.scheduling.Task";

    private static final LibraryShape SCHEDULER_SHAPE = LibraryShape.of()
            .method("runSafely", TASK).method("isTerminated").method("getCreatedWorkers")
            .field("schedulerName").field("corePoolSize").field("maxPoolSize").field("idleWorkerKeepAliveNs")
            .field("globalCpuQueue").field("globalBlockingQueue");
    private static final LibraryShape WORKER_SHAPE = LibraryShape.of()
            .method("runWorker").method("park").methodNamed("trySteal").method("getScheduler")
            .field("localQueue").field("this$0");
    private static final LibraryShape TASK_SHAPE = LibraryShape.of().field("taskContext").field("submissionTime");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private CoroutineAdapter() {
    }

    /**
     * Adds the coroutine scheduler's advice to the agent.
     *
     * @param builder the agent so far
     * @param weaver makes the advice
     * @return the agent with the advice
     */
    public static AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        Advice runSafely = weaver.advice(CoroutineAdvice.RunSafely.class);
        Advice runWorker = weaver.advice(CoroutineAdvice.RunWorker.class);
        Advice park = weaver.advice(CoroutineAdvice.Park.class);
        Advice trySteal = weaver.advice(CoroutineAdvice.TrySteal.class);
        return builder.type(weaver.types(SCHEDULER, WORKER))
                .transform((b, type, loader, module, domain) -> {
                    if (!fits(type, domain)) {
                        return b;
                    }
                    AgentFamilies.hooked(FAMILY);
                    if (type.getName().equals(SCHEDULER)) {
                        return b.visit(runSafely.on(named("runSafely").and(takesArguments(1))));
                    }
                    return b.visit(runWorker.on(named("runWorker").and(takesArguments(0))))
                            .visit(park.on(named("park").and(takesArguments(0))))
                            .visit(trySteal.on(named("trySteal").and(takesArguments(1))));
                });
    }

    /**
     * Looks the scheduler's handles up, on the thread that installs the agent, if the agent has loaded and woven
     * the scheduler ({@link Weaver#preload}): otherwise the scheduler's first worker looks them up before its
     * first task. A scheduler of another loader (a web application's, a fat jar's) is read by its first worker.
     *
     * @param preloaded the classes the agent has loaded
     */
    public static void prepare(List<Class<?>> preloaded) {
        for (Class<?> c : preloaded) {
            // a version that does not fit was warned about once, when woven
            if (c.getName().equals(SCHEDULER) && AgentFamilies.isHooked(FAMILY)) {
                try {
                    SchedulerHandles.OF.get(c);
                } catch (RuntimeException | LinkageError e) { // the first worker looks again, and warns
                    AgentLog.debug("cannot read " + SCHEDULER + " before main: " + e);
                }
            }
        }
    }

    private static boolean fits(TypeDescription type, ProtectionDomain domain) {
        List<String> missing = missing(type);
        if (missing.isEmpty()) {
            return true;
        }
        String jar = LibraryShape.jarOf(domain);
        AgentFamilies.skipped(FAMILY, jar + " lacks " + String.join(", ", missing));
        if (WARNED.compareAndSet(false, true)) {
            AgentLog.warn(FAMILY + ": " + type.getName() + " from " + jar + " is not a version the agent knows (missing "
                    + String.join(", ", missing) + "); coroutine schedulers are not instrumented");
        }
        return false;
    }

    /**
     * Lists what the scheduler, its worker and its task lack of the shape the advice needs, given
     * either the scheduler or its worker class.
     *
     * @param type {@code CoroutineScheduler} or {@code CoroutineScheduler$Worker}
     * @return the missing members, empty if the version fits
     */
    static List<String> missing(TypeDescription type) {
        List<String> missing = new ArrayList<>();
        try {
            TypeDescription scheduler = type.getName().equals(SCHEDULER) ? type : type.getDeclaringType();
            TypeDescription worker = scheduler.getDeclaredTypes().filter(named(WORKER)).getOnly();
            missing.addAll(SCHEDULER_SHAPE.missing(scheduler));
            missing.addAll(WORKER_SHAPE.missing(worker));
            MethodDescription run = scheduler.getDeclaredMethods().filter(named("runSafely")).getOnly();
            missing.addAll(TASK_SHAPE.missing(run.getParameters().get(0).getType().asErasure()));
        } catch (RuntimeException e) {
            missing.add(String.valueOf(e));
        }
        return missing;
    }
}
