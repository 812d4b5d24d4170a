package dev.taskflight.agent.internal.adapter;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One scheduler family (the JDK's thread pools, Tomcat's, Jetty's, Netty's event loops...): the hook
 * points it weaves into the family's classes. Each woven class is checked against a {@link TypeShape}
 * first, so a version whose internals differ gets one warning and no instrumentation. The hooks the
 * advice calls reuse the generic worker runtime ({@code dev.taskflight.agent.internal.pool}) and the
 * recorder's core.
 */
public interface SchedulerAdapter {

    /** @return the family's short name, for logs, options and docs, such as {@code tomcat}; not {@code null} */
    String family();

    /**
     * Adds the family's advice to the agent.
     *
     * @param builder the agent so far, not {@code null}
     * @param weaver weaves advice after checking each class's shape, not {@code null}
     * @return the agent with the family's advice, not {@code null}
     */
    AgentBuilder instrument(AgentBuilder builder, Weaver weaver);
}
