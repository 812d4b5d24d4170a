package dev.taskflight.agent.internal.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Jetty's {@code QueuedThreadPool} (Jetty 10, 11, 12): a job run is a poll, a worker waiting in
 * {@code Runner.idleJobPoll} is a park, {@code execute} is sampled for scheduling delay, and the pool
 * is named by its {@code getName()}. A worker attaches at its first job or wait and leaves in
 * {@code removeThread}, which its loop calls last; the loop itself is not woven. After an attach, a
 * selector or acceptor job that began before it attaches its thread at its next wait. Jobs that wait for
 * work themselves are split around the wait, which is a park: the selector in
 * {@code ManagedSelector.select}, an acceptor in
 * {@code ServerConnector.accept}, a reserved thread waiting to be handed a task. A task the
 * selector's job runs itself ({@code AdaptiveExecutionStrategy.runTask}: a request handled on the
 * thread that selected it) is a poll of its own, named by the task.
 */
public final class JettyAdapter implements SchedulerAdapter {

    static final String POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool";
    static final String RUNNER = POOL + "$Runner";
    static final String RESERVED_THREAD = "org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread";
    static final String SELECTOR = "org.eclipse.jetty.io.ManagedSelector";
    static final String CONNECTOR = "org.eclipse.jetty.server.ServerConnector";
    static final String STRATEGY = "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy";

    private static final TypeShape POOL_SHAPE = TypeShape.of(POOL)
            .method("runJob", Runnable.class.getName())
            .method("execute", Runnable.class.getName())
            .method("getName")
            .method("getQueueSize")
            .method("removeThread", Thread.class.getName());
    private static final TypeShape RUNNER_SHAPE = TypeShape.of(RUNNER)
            .method("idleJobPoll", "long")
            .field("this$0");
    private static final TypeShape RESERVED_SHAPE = TypeShape.of(RESERVED_THREAD)
            .anyMethod("waitForTask", "reservedWait");
    private static final TypeShape SELECTOR_SHAPE = TypeShape.of(SELECTOR)
            .method("select", "java.nio.channels.Selector");
    private static final TypeShape STRATEGY_SHAPE = TypeShape.of(STRATEGY)
            .method("runTask", Runnable.class.getName());
    private static final TypeShape CONNECTOR_SHAPE = TypeShape.of(CONNECTOR)
            .method("accept", "int");

    /** @return what each woven Jetty class must have, one shape per class */
    static List<TypeShape> shapes() {
        return List.of(POOL_SHAPE, RUNNER_SHAPE, RESERVED_SHAPE, SELECTOR_SHAPE, STRATEGY_SHAPE, CONNECTOR_SHAPE);
    }

    @Override
    public String family() {
        return "jetty";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        AgentBuilder b = weaver.weave(builder, family(), POOL_SHAPE,
                Weaver.advice(JettyAdvice.RunJob.class, named("runJob").and(takesArguments(Runnable.class))),
                Weaver.advice(JettyAdvice.Execute.class, named("execute").and(takesArguments(Runnable.class))),
                Weaver.advice(JettyAdvice.RemoveThread.class, named("removeThread").and(takesArguments(Thread.class))));
        b = weaver.weave(b, family(), RUNNER_SHAPE,
                Weaver.advice(JettyAdvice.IdleJobPoll.class, named("idleJobPoll").and(takesArguments(long.class))));
        b = weaver.weave(b, family(), RESERVED_SHAPE,
                Weaver.advice(JettyAdvice.ReservedWait.class, named("waitForTask").or(named("reservedWait"))
                        .and(takesArguments(0)).and(returns(Runnable.class))));
        b = weaver.weave(b, family(), SELECTOR_SHAPE,
                Weaver.advice(JettyAdvice.WaitInJob.class,
                        named("select").and(takesArguments(1)).and(returns(int.class))));
        b = weaver.weave(b, family(), STRATEGY_SHAPE,
                Weaver.advice(JettyAdvice.ProducedTask.class, named("runTask").and(takesArguments(Runnable.class))));
        return weaver.weave(b, family(), CONNECTOR_SHAPE,
                Weaver.advice(JettyAdvice.WaitInJob.class, named("accept").and(takesArguments(int.class))));
    }
}
