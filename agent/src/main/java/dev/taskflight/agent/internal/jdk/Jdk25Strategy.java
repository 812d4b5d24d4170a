package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.adapter.Weaver;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.POOL;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.QUEUE;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.TASK;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * JDK 24 and 25: {@code runWorker} scans inline and calls {@code WorkQueue.topLevelExec(ForkJoinTask,
 * int fifo)} after setting {@code source} to the queue's index; {@code awaitWork(WorkQueue, int)}
 * parks through {@code Unsafe}, so only the method's own entry and exit mark a park. Virtual
 * threads as in JDK 21. Submissions pass {@code poolSubmit(boolean, ForkJoinTask)}, sampled for scheduling
 * delays when they come from outside the pool.
 */
public final class Jdk25Strategy implements JdkStrategy {

    @Override
    public String name() {
        return "JDK 25";
    }

    @Override
    public boolean covers(int feature) {
        return feature >= 24 && feature <= 25;
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>(ForkJoinShapes.missingCommon());
        missing.addAll(ForkJoinShapes.present(
                Weaver.missing(QUEUE, "topLevelExec", TASK, "int"),
                Weaver.missing(POOL, "awaitWork", QUEUE, "int")));
        missing.addAll(ForkJoinShapes.missingVirtualThreads());
        return missing;
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        builder = ForkJoinShapes.poolSubmit(ForkJoinShapes.forkJoin(builder, weaver, 2), weaver);
        return ForkJoinShapes.virtualThreads(builder, weaver);
    }
}
