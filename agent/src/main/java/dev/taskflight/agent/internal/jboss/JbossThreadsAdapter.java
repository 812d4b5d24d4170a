package dev.taskflight.agent.internal.jboss;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * jboss-threads' {@code EnhancedQueueExecutor}, the pool Undertow (through XNIO 3.8+), WildFly and
 * Quarkus run requests on: a task run ({@code EnhancedQueueExecutor$Task.run}) is a poll, a pool
 * thread waiting in {@code PoolThreadNode.park} is a park, {@code execute} a submission. Tested with
 * jboss-threads 3.7 (Undertow 2.3, XNIO 3.8).
 */
public final class JbossThreadsAdapter implements SchedulerAdapter {

    static final String EQE = "org.jboss.threads.EnhancedQueueExecutor";

    @Override
    public String family() {
        return "jboss-threads";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        AgentBuilder b = weaver.weave(builder, family(),
                TypeShape.of(EQE).method("execute", "java.lang.Runnable"),
                Weaver.advice(EqeAdvice.Execute.class, named("execute").and(takesArguments(Runnable.class))));
        b = weaver.weave(b, family(),
                TypeShape.of(EQE + "$Task").method("run").field("this$0").field("delegate"),
                Weaver.advice(EqeAdvice.TaskRun.class, named("run").and(takesArguments(0))));
        b = weaver.weave(b, family(),
                TypeShape.of(EQE + "$PoolThreadNode").method("park", EQE).method("park", EQE, "long"),
                Weaver.advice(EqeAdvice.Park.class, named("park")));
        return weaver.weave(b, family(),
                TypeShape.of(EQE + "$ThreadBody").method("run"),
                Weaver.advice(EqeAdvice.ThreadBodyRun.class, named("run").and(takesArguments(0))));
    }
}
