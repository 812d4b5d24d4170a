package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.adapter.Weaver;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.POOL;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.QUEUE;
import static dev.taskflight.agent.internal.jdk.ForkJoinShapes.TASK;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * JDK 21 to 23: the pool has JDK 17's shape ({@code topLevelExec(ForkJoinTask, WorkQueue)},
 * {@code awaitWork(WorkQueue)}; the common pool clears its workers' thread-locals after each
 * top-level task), and virtual threads mount in {@code VirtualThread.runContinuation()}. Submissions
 * pass {@code poolSubmit(boolean, ForkJoinTask)}, sampled for scheduling delays when they come from
 * outside the pool.
 */
public final class Jdk21Strategy implements JdkStrategy {

    @Override
    public String name() {
        return "JDK 21";
    }

    @Override
    public boolean covers(int feature) {
        return feature >= 21 && feature <= 23;
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>(ForkJoinShapes.missingCommon());
        missing.addAll(ForkJoinShapes.present(
                Weaver.missing(QUEUE, "topLevelExec", TASK, QUEUE),
                Weaver.missing(POOL, "awaitWork", QUEUE)));
        missing.addAll(ForkJoinShapes.missingVirtualThreads());
        return missing;
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        builder = ForkJoinShapes.poolSubmit(ForkJoinShapes.forkJoin(builder, weaver, 2), weaver);
        return ForkJoinShapes.virtualThreads(builder, weaver);
    }
}
