package dev.taskflight.agent;

import dev.taskflight.agent.child.server.UndertowServer;
import java.util.regex.Pattern;

/** Embedded Undertow 2.3 under the agent: each XNIO worker's task pool (jboss-threads) is seen. */
class UndertowServerIT extends ServerUnderAgentContract {

    @Override
    Class<?> serverProgram() {
        return UndertowServer.class;
    }

    @Override
    String poolKind() {
        return "EnhancedQueueExecutor";
    }

    @Override
    Pattern poolName() {
        return Pattern.compile("XNIO-\\d+ task");
    }

    @Override
    int[] poolSize() {
        return new int[] {UndertowServer.WORKER_THREADS, UndertowServer.WORKER_THREADS};
    }

    @Override
    String poolClass() {
        return "org.jboss.threads.EnhancedQueueExecutor";
    }
}
