package dev.taskflight.agent.internal.threadpool;

import dev.taskflight.events.Instrumentation;
import dev.taskflight.recorder.core.ThreadPoolProbe;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A JDK {@code ThreadPoolExecutor} (or subclass) instrumented by the agent. Knows whether its queue
 * can tell cheaply that a worker is about to block: for the JDK's FIFO and hand-off queues, a
 * worker parks when it finds the queue empty; for others (the scheduled pool's delay queue, the
 * application's own queues) every wait for the next task counts as a park.
 */
public final class AgentThreadPoolProbe extends ThreadPoolProbe {

    private static final Set<String> CHEAP_EMPTY_CHECK = Set.of(
            "java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.ArrayBlockingQueue",
            "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.PriorityBlockingQueue");

    private final boolean parksOnlyWhenEmpty;

    AgentThreadPoolProbe(String name, ThreadPoolExecutor pool, BlockingQueue<?> queue) {
        super(name, pool, Instrumentation.AGENT);
        this.parksOnlyWhenEmpty = queue != null && CHEAP_EMPTY_CHECK.contains(queue.getClass().getName());
    }

    /** @return whether a worker waits only when it finds the queue empty (else every take is a wait) */
    boolean parksOnlyWhenEmpty() {
        return parksOnlyWhenEmpty;
    }
}
