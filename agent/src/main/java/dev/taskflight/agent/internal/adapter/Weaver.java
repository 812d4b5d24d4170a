package dev.taskflight.agent.internal.adapter;

import dev.taskflight.agent.internal.AgentFamilies;
import dev.taskflight.agent.internal.AgentLog;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.description.method.MethodDescription.ForLoadedMethod;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Weaves advice into classes. JDK classes are checked before anything is woven (the JDK's are loaded
 * already: {@link #missing}); a library's class is checked against its {@link TypeShape} when it
 * loads ({@link #weave(AgentBuilder, String, TypeShape, Woven...)}): a version whose internals differ
 * gets one warning and is left untouched. Advice that throws is suppressed and reported once through
 * {@link AgentLog#hookFailed}. Every class is named exactly ({@link #types}), so that the agent's
 * transformer passes every other class with a look-up of its name ({@link #filtered}).
 */
public final class Weaver {

    private final ClassFileLocator adviceLocator;
    private final boolean attached;
    private final Advice.ExceptionHandler reportFailure;
    /** The binary names of the classes woven so far: built on the installing thread only. */
    private final Set<String> targets = new LinkedHashSet<>();

    /**
     * @param adviceLocator where the advice classes' bytes are read from: the agent jar
     * @param attached whether the agent is attached to a running JVM, whose pools' workers may predate it
     */
    public Weaver(ClassFileLocator adviceLocator, boolean attached) {
        this.adviceLocator = adviceLocator;
        this.attached = attached;
        try {
            Method report = AgentLog.class.getMethod("hookFailed", Throwable.class);
            this.reportFailure = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(new ForLoadedMethod(report)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns whether the agent is attached to a running JVM: only then may a pool's workers predate the
     * agent, and only then does an adapter weave what counts them (such as {@code TpeAdvice.lateWorkers()}).
     *
     * @return {@code true} if attached, {@code false} under {@code -javaagent:}
     */
    public boolean attached() {
        return attached;
    }

    /**
     * Adds one advice to the agent.
     *
     * @param builder the agent so far
     * @param typeName the class to weave into
     * @param advice the advice class
     * @param methods the methods (or constructors) to weave it into
     * @return the agent with the advice
     */
    public AgentBuilder weave(AgentBuilder builder, String typeName, Class<?> advice,
            ElementMatcher<? super MethodDescription> methods) {
        Advice woven = Advice.to(advice, adviceLocator).withExceptionHandler(reportFailure);
        return builder.type(types(typeName))
                .transform((b, type, loader, module, domain) -> b.visit(woven.on(methods)));
    }

    /**
     * Matches classes by their exact names, and remembers the names: the agent's transformer sees
     * only classes named here ({@link #filtered}). Every {@code AgentBuilder.type(...)} of the agent
     * goes through this.
     *
     * @param binaryNames the classes' binary names ({@code a.b.C$D})
     * @return the matcher of those classes
     */
    public ElementMatcher.Junction<TypeDescription> types(String... binaryNames) {
        targets.addAll(Arrays.asList(binaryNames));
        return ElementMatchers.namedOneOf(binaryNames);
    }

    /**
     * Loads, and so weaves, each class named through {@link #types} that is a library's (not the JDK's) and that
     * the loader can find, without initializing it: on the thread that installs the agent, so that the
     * application's first use of the library (a server's pool, a client's event loops, the first dispatch to a
     * coroutine dispatcher) does not wait for Byte Buddy's weaving, its code run cold (30–160 ms a library on
     * these machines, BENCHMARKS.md). Call it after the agent is installed. A class that cannot be loaded is
     * left to load when the application loads it.
     *
     * @param loader the application's class loader
     * @return the classes loaded, in the order they were named
     */
    public List<Class<?>> preload(ClassLoader loader) {
        List<Class<?>> loaded = new ArrayList<>();
        for (String name : targets) {
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                    || loader.getResource(name.replace('.', '/') + ".class") == null) {
                continue;
            }
            try {
                loaded.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                AgentLog.debug("cannot preload " + name + ": " + e);
            }
        }
        return loaded;
    }

    /**
     * Returns the agent, ready to install, with every class not named through {@link #types} left out
     * before Byte Buddy looks at it: the classes loaded before the agent are matched by name alone, and
     * a class that loads later passes the agent's transformer with a look-up of its name
     * ({@link TargetFilter}). It replaces Byte Buddy's default list of ignored classes, which holds the
     * JDK's: the agent weaves some. Call it after every advice has been added.
     *
     * @param builder the agent with all its advice
     * @return the agent to install
     */
    public AgentBuilder filtered(AgentBuilder builder) {
        return builder.ignore(ElementMatchers.not(ElementMatchers.namedOneOf(targets.toArray(String[]::new))))
                .with(TargetFilter.decorator(targets));
    }

    /**
     * One advice class and the methods of a class it goes into, or a visitor that rewrites the class's
     * code in place (a call replaced by a hook's).
     *
     * @param advice the advice class, with {@code @Advice.OnMethodEnter}/{@code OnMethodExit} methods,
     *        or {@code null} for a visitor
     * @param methods the methods (or constructors) to weave it into; ignored for a visitor
     * @param visitor the visitor, or {@code null} for advice
     */
    public record Woven(Class<?> advice, ElementMatcher<? super MethodDescription> methods, AsmVisitorWrapper visitor) {
    }

    /**
     * Names one advice for {@link #weave(AgentBuilder, String, TypeShape, Woven...)}.
     *
     * @param advice the advice class
     * @param methods the methods (or constructors) to weave it into
     * @return the pair
     */
    public static Woven advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        return new Woven(advice, methods, null);
    }

    /**
     * Names a rewrite of a class's code, such as a {@link net.bytebuddy.asm.MemberSubstitution} that
     * sends one call of a method to a hook, woven with the advice of the same version.
     *
     * @param visitor the rewrite, which must change nothing but what the hook adds
     * @return the rewrite, to weave like advice
     */
    public static Woven rewrite(AsmVisitorWrapper visitor) {
        return new Woven(null, ElementMatchers.none(), visitor);
    }

    /**
     * One known version of a library class: its shape, and the advice woven into it when it has
     * that shape (none when the version is instrumented elsewhere).
     *
     * @param shape what the class must have in this version
     * @param advices the advice to weave into it
     */
    public record Version(TypeShape shape, Woven... advices) {
    }

    /**
     * Names one known version of a class for {@link #weaveVersions}.
     *
     * @param shape what the class must have in this version
     * @param advices the advice to weave into it, possibly none
     * @return the version
     */
    public static Version version(TypeShape shape, Woven... advices) {
        return new Version(shape, advices);
    }

    /**
     * Adds a library class's advice to the agent, all or nothing: when the class loads, its shape is
     * checked; if anything is missing, one warning names the family, the class, the jar it came from
     * and what is missing, and the class is left as it is.
     *
     * @param builder the agent so far
     * @param family the scheduler family, such as {@code tomcat}
     * @param shape what the class must have
     * @param advices the advice to weave
     * @return the agent with the advice
     */
    public AgentBuilder weave(AgentBuilder builder, String family, TypeShape shape, Woven... advices) {
        return weaveVersions(builder, family, version(shape, advices));
    }

    /**
     * Adds the advice of a class that differs between the library versions the adapter knows: when
     * the class loads, the first version whose shape it has is woven (all of that version's advice);
     * if it has none of them, one warning names the family, the class, its jar and what each version
     * lacks, and the class is left as it is.
     *
     * @param builder the agent so far
     * @param family the scheduler family, such as {@code netty}
     * @param versions the known versions of one class, tried in order
     * @return the agent with the advice
     */
    public AgentBuilder weaveVersions(AgentBuilder builder, String family, Version... versions) {
        List<List<AsmVisitorWrapper>> woven = Arrays.stream(versions).map(v -> Arrays.stream(v.advices())
                .map(a -> a.visitor() != null ? a.visitor()
                        : Advice.to(a.advice(), adviceLocator).withExceptionHandler(reportFailure).on(a.methods()))
                .toList()).toList();
        return builder.type(types(versions[0].shape().typeName()))
                .transform((b, type, loader, module, domain) -> {
                    List<String> missing = new ArrayList<>();
                    for (int v = 0; v < versions.length; v++) {
                        List<String> lacks = versions[v].shape().missing(type);
                        if (lacks.isEmpty()) {
                            return woven(b, family, versions[v].advices(), woven.get(v));
                        }
                        missing.add(String.join(", ", lacks));
                    }
                    String jar = jarOf(domain);
                    String where = type.getName() + (jar.isEmpty() ? "" : " (" + jar + ")");
                    AgentLog.warn(family + ": " + where + " is a version the agent does not know (no "
                            + String.join("; nor ", missing) + "); its pools are not instrumented, the application runs as it is");
                    AgentFamilies.skipped(family, where + " is a version the agent does not know");
                    return b;
                });
    }

    private static DynamicType.Builder<?> woven(DynamicType.Builder<?> builder, String family, Woven[] advices,
            List<AsmVisitorWrapper> woven) {
        DynamicType.Builder<?> result = builder;
        for (AsmVisitorWrapper visitor : woven) {
            result = result.visit(visitor);
        }
        if (advices.length > 0) {
            AgentFamilies.hooked(family);
        }
        return result;
    }

    private static String jarOf(ProtectionDomain domain) {
        try {
            URL location = domain == null || domain.getCodeSource() == null ? null : domain.getCodeSource().getLocation();
            if (location == null) {
                return "";
            }
            String path = location.getPath();
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Returns an advice class ready to weave, its failures suppressed and reported once.
     *
     * @param advice the advice class
     * @return the advice
     */
    public Advice advice(Class<?> advice) {
        return Advice.to(advice, adviceLocator).withExceptionHandler(reportFailure);
    }

    /**
     * Checks that a class declares a method (or constructor, named {@code <init>}) with these
     * parameter types, given by name.
     *
     * @param typeName the class
     * @param method the method's name
     * @param parameterTypes the parameters' class names
     * @return {@code null} if it exists, else what is missing
     */
    public static String missing(String typeName, String method, String... parameterTypes) {
        try {
            Class<?> type = Class.forName(typeName, false, null);
            List<String> wanted = Arrays.asList(parameterTypes);
            boolean found = method.equals("<init>")
                    ? Arrays.stream(type.getDeclaredConstructors()).anyMatch(c -> names(c.getParameterTypes()).equals(wanted))
                    : Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method)
                            && !Modifier.isStatic(m.getModifiers()) && names(m.getParameterTypes()).equals(wanted));
            return found ? null : typeName + "." + method + wanted;
        } catch (ClassNotFoundException | LinkageError e) {
            return typeName;
        }
    }

    /**
     * Checks that a class declares a field.
     *
     * @param typeName the class
     * @param field the field's name
     * @return {@code null} if it exists, else what is missing
     */
    public static String missingField(String typeName, String field) {
        try {
            Class.forName(typeName, false, null).getDeclaredField(field);
            return null;
        } catch (ClassNotFoundException | NoSuchFieldException | LinkageError e) {
            return typeName + "." + field;
        }
    }

    private static List<String> names(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).toList();
    }
}
