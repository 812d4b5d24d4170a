package dev.taskflight.benchmarks.overhead;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent that does nothing: {@code benchmarks/vt-transitions.sh} packs it into a jar of its own and
 * loads it with {@code -javaagent:}, to measure what any Java agent costs a JVM before it instruments
 * anything (on JDK 21 and later, the JVM's JVMTI transitions at every virtual-thread mount and unmount).
 */
public final class NoopAgent {

    private NoopAgent() {
    }

    /**
     * Does nothing.
     *
     * @param options ignored
     * @param instrumentation ignored
     */
    public static void premain(String options, Instrumentation instrumentation) {
        // nothing: the agent's presence is the point
    }
}
