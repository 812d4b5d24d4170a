package dev.taskflight.agent;

import dev.taskflight.agent.child.server.TomcatServer;
import java.util.regex.Pattern;

/** Embedded Tomcat 11 under the agent: each connector's request pool is seen. */
class TomcatServerIT extends ServerUnderAgentContract {

    @Override
    Class<?> serverProgram() {
        return TomcatServer.class;
    }

    @Override
    String poolKind() {
        return "TomcatThreadPoolExecutor";
    }

    @Override
    Pattern poolName() {
        return Pattern.compile("http-nio-.+-exec");
    }

    @Override
    int[] poolSize() {
        return new int[] {TomcatServer.MIN_SPARE_THREADS, TomcatServer.MAX_THREADS};
    }

    @Override
    String poolClass() {
        return "org.apache.tomcat.util.threads.ThreadPoolExecutor";
    }
}
