package dev.taskflight.agent.internal.tomcat;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import dev.taskflight.agent.internal.threadpool.TpeAdvice;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Tomcat's connector pools (9.x, 10.1, 11): {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}
 * is a copy of the JDK's class, with the same worker loop, so it takes the JDK pool's advice: a
 * request run is a poll, a worker waiting in {@code getTask} on Tomcat's {@code TaskQueue} is a park,
 * and {@code execute} is sampled for scheduling delay. Pools are named by their threads
 * ({@code http-nio-8080-exec}). An agent attached to a running JVM also weaves {@code beforeExecute} and
 * {@code afterExecute}, as for the JDK's pools: a worker that was already running keeps the old code of
 * {@code runWorker}, which reaches those two through the class's method table, and is counted there.
 */
public final class TomcatAdapter implements SchedulerAdapter {

    static final String POOL = "org.apache.tomcat.util.threads.ThreadPoolExecutor";

    private static final TypeShape SHAPE = TypeShape.of(POOL)
            .method("runWorker", POOL + "$Worker")
            .method("getTask")
            .method("execute", Runnable.class.getName())
            .field("workQueue");
    /** What an attached agent needs besides: the methods through which it counts workers that predate it. */
    private static final TypeShape LATE_SHAPE = SHAPE
            .method("beforeExecute", Thread.class.getName(), Runnable.class.getName())
            .method("afterExecute", Runnable.class.getName(), Throwable.class.getName());

    @Override
    public String family() {
        return "tomcat";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        List<Weaver.Woven> advice = new ArrayList<>(TpeAdvice.workerLoop());
        if (!weaver.attached()) {
            return weaver.weave(builder, family(), SHAPE, advice.toArray(Weaver.Woven[]::new));
        }
        advice.addAll(TpeAdvice.lateWorkers()); // workers may predate the agent only when it is attached
        return weaver.weave(builder, family(), LATE_SHAPE, advice.toArray(Weaver.Woven[]::new));
    }
}
