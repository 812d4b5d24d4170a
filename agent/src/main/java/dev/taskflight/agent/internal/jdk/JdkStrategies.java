package dev.taskflight.agent.internal.jdk;

import java.util.List;
import java.util.Optional;

/** Chooses the strategy for the running JDK. */
public final class JdkStrategies {

    private static final List<JdkStrategy> ALL =
            List.of(new Jdk17Strategy(), new Jdk21Strategy(), new Jdk25Strategy());

    private JdkStrategies() {
    }

    /**
     * Returns the strategy of a JDK line.
     *
     * @param feature the JDK's feature release, such as 21
     * @return the strategy that covers it, or empty if none does
     */
    public static Optional<JdkStrategy> forFeature(int feature) {
        return ALL.stream().filter(s -> s.covers(feature)).findFirst();
    }
}
