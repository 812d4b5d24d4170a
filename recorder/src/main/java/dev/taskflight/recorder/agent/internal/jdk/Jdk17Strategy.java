package dev.taskflight.recorder.agent.internal.jdk;

import static dev.taskflight.recorder.agent.internal.jdk.ForkJoinShapes.POOL;
import static dev.taskflight.recorder.agent.internal.jdk.ForkJoinShapes.QUEUE;
import static dev.taskflight.recorder.agent.internal.jdk.ForkJoinShapes.TASK;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * JDK 17 to 20: {@code WorkQueue.topLevelExec(ForkJoinTask, WorkQueue)} runs a task taken by
 * {@code scan} (which sets {@code source} to the queue's index), {@code awaitWork(WorkQueue)} parks
 * with {@code LockSupport}. No virtual threads.
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

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        return ForkJoinShapes.forkJoin(builder, weaver, 2);
    }
}
