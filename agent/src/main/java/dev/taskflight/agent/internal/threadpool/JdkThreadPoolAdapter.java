package dev.taskflight.agent.internal.threadpool;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's {@code ThreadPoolExecutor} (every {@code Executors.*} pool and the scheduled pools): a
 * task run is a poll, a worker waiting in {@code getTask} is a park, {@code execute} is sampled for
 * scheduling delay, and the constructor remembers where a pool with default thread names was made.
 */
public final class JdkThreadPoolAdapter implements SchedulerAdapter {

    static final String POOL = "java.util.concurrent.ThreadPoolExecutor";

    private static final TypeShape SHAPE = TypeShape.of(POOL)
            .method("<init>", "int", "int", "long", "java.util.concurrent.TimeUnit",
                    "java.util.concurrent.BlockingQueue", "java.util.concurrent.ThreadFactory",
                    "java.util.concurrent.RejectedExecutionHandler")
            .method("runWorker", POOL + "$Worker")
            .method("getTask")
            .method("execute", Runnable.class.getName())
            .method("beforeExecute", Thread.class.getName(), Runnable.class.getName())
            .method("afterExecute", Runnable.class.getName(), Throwable.class.getName())
            .field("workQueue");

    @Override
    public String family() {
        return "jdk-thread-pool";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        List<Weaver.Woven> advice = new ArrayList<>(TpeAdvice.workerLoop());
        if (weaver.attached()) {
            advice.addAll(TpeAdvice.lateWorkers()); // workers may predate the agent only when it is attached
        }
        advice.add(Weaver.advice(TpeAdvice.Constructed.class, isConstructor().and(takesArguments(7))));
        return weaver.weave(builder, family(), SHAPE, advice.toArray(Weaver.Woven[]::new));
    }
}
