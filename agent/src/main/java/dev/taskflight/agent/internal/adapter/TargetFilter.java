package dev.taskflight.agent.internal.adapter;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * The agent's class file transformer as the JVM sees it: Byte Buddy's, behind a check of the class's
 * name. The agent weaves a few dozen classes, each named exactly ({@link Weaver#types}); every other
 * class that loads (thousands, in a server) passes with one look-up in a set of names, and never
 * reaches Byte Buddy's transformer. Without it, each class load ran that transformer's matching, and
 * the transformer, hot from start-up, was compiled by C2 at some class load later on: 180 ms of one
 * core's time in one compilation, while the application ran (BENCHMARKS.md, twenty-eighth session). A
 * class defined with no name (the JVM then passes {@code null}) goes to Byte Buddy, which reads it
 * from the bytes.
 */
final class TargetFilter extends ResettableClassFileTransformer.WithDelegation {

    private final Set<String> internalNames;

    private TargetFilter(ResettableClassFileTransformer transformer, Set<String> internalNames) {
        super(transformer);
        this.internalNames = internalNames;
    }

    /**
     * Returns the decorator that puts this filter in front of the agent's transformer.
     *
     * @param binaryNames the binary names ({@code a.b.C$D}) of every class the agent weaves
     * @return the decorator
     */
    static AgentBuilder.TransformerDecorator decorator(Set<String> binaryNames) {
        Set<String> internalNames = binaryNames.stream().map(n -> n.replace('.', '/')).collect(Collectors.toUnmodifiableSet());
        return transformer -> new TargetFilter(transformer, internalNames);
    }

    /**
     * Returns whether a class goes to Byte Buddy's transformer.
     *
     * @param internalName the class's name as the JVM gives it ({@code a/b/C$D}), or {@code null}
     * @return {@code true} for a class the agent weaves, or one whose name the JVM did not give
     */
    boolean passes(String internalName) {
        return internalName == null || internalNames.contains(internalName);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        return passes(internalName)
                ? classFileTransformer.transform(loader, internalName, classBeingRedefined, domain, bytes) : null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        return passes(internalName)
                ? classFileTransformer.transform(module, loader, internalName, classBeingRedefined, domain, bytes) : null;
    }
}
