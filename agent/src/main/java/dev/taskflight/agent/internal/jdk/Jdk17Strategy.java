package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.adapter.Weaver;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.POOL;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.QUEUE;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.TASK;

import java.util.ArrayList;
import java.util.List;
import dev.taskflight.agent.internal.forkjoin.FjpAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * JDK 17 to 20: {@code WorkQueue.topLevelExec(ForkJoinTask, WorkQueue)} runs a task taken by
 * {@code scan} (which sets {@code source} to the queue's index), {@code awaitWork(WorkQueue)} parks
 * with {@code LockSupport}; every submission from outside a pool passes {@code externalPush(ForkJoinTask)}
 * (sampled for scheduling delays). No virtual threads.
 */
public final class Jdk17Strategy implements JdkStrategy {

    @Override
    public String name() {
        return "JDK 17";
    }

    @Override
    public boolean covers(int feature) {
        return feature >= 17 && feature <= 20;
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>(ForkJoinShapes.missingCommon());
        missing.addAll(ForkJoinShapes.present(
                Weaver.missing(QUEUE, "topLevelExec", TASK, QUEUE),
                Weaver.missing(POOL, "awaitWork", QUEUE)));
        return missing;
    }

    /**
     * {@inheritDoc} Also splits the top-level poll where {@code topLevelExec} takes one more task
     * from the same queue ({@code tryPoll}), if this JDK has that shape; without it, such tasks share
     * a poll.
     */
    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        builder = ForkJoinShapes.externalPush(ForkJoinShapes.forkJoin(builder, weaver, 2), weaver);
        if (Weaver.missing(QUEUE, "tryPoll") == null && Weaver.missingField(QUEUE, "owner") == null) {
            builder = weaver.weave(builder, QUEUE, FjpAdvice.TryPoll.class,
                    ElementMatchers.named("tryPoll").and(ElementMatchers.takesArguments(0)));
        }
        return builder;
    }
}
