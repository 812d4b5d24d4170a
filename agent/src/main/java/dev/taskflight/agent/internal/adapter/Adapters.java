package dev.taskflight.agent.internal.adapter;

import dev.taskflight.agent.internal.jetty.JettyAdapter;
import dev.taskflight.agent.internal.jboss.JbossThreadsAdapter;
import dev.taskflight.agent.internal.threadpool.JdkThreadPoolAdapter;
import dev.taskflight.agent.internal.netty.NettyAdapter;
import dev.taskflight.agent.internal.tomcat.TomcatAdapter;
import java.util.List;

/**
 * The scheduler adapters, one per scheduler family: the JDK's thread pools, and the libraries an
 * application may load (servers, event loops, coroutines), woven when their classes load. The JDK's
 * {@code ForkJoinPool} and virtual threads are instrumented by the JDK strategies.
 */
public final class Adapters {

    private Adapters() {
    }

    /** @return every adapter, one per scheduler family, not {@code null} */
    public static List<SchedulerAdapter> all() {
        return List.of(
                new JdkThreadPoolAdapter(),
                new TomcatAdapter(),
                new JettyAdapter(),
                new NettyAdapter(),
                new JbossThreadsAdapter());
    }
}
