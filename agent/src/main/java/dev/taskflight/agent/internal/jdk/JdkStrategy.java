package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.adapter.Weaver;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * How the agent instruments the {@code ForkJoinPool} and virtual-thread internals of one JDK line.
 * A strategy is chosen at start-up by {@code Runtime.version().feature()}, and used only if every
 * internal it expects is there.
 */
public interface JdkStrategy {

    /** @return the JDK line, such as {@code JDK 17}, not {@code null} */
    String name();

    /** @return whether the strategy applies to a JDK feature release */
    boolean covers(int feature);

    /** @return the expected internals that this JDK lacks; empty if the strategy can be used */
    List<String> missing();

    /**
     * Adds the strategy's advice.
     *
     * @param builder the agent so far
     * @param weaver weaves advice
     * @return the agent with the strategy's advice
     */
    AgentBuilder instrument(AgentBuilder builder, Weaver weaver);
}
