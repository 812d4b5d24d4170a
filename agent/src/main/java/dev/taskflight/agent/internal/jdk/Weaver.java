package dev.taskflight.agent.internal.jdk;

import dev.taskflight.agent.internal.AgentLog;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.description.method.MethodDescription.ForLoadedMethod;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Weaves advice into JDK classes, and checks beforehand that the methods a strategy expects exist.
 * Advice that throws is suppressed and reported once through {@link AgentLog#hookFailed}.
 */
public final class Weaver {

    private final ClassFileLocator adviceLocator;
    private final Advice.ExceptionHandler reportFailure;

    /** @param adviceLocator where the advice classes' bytes are read from: the agent jar */
    public Weaver(ClassFileLocator adviceLocator) {
        this.adviceLocator = adviceLocator;
        try {
            Method report = AgentLog.class.getMethod("hookFailed", Throwable.class);
            this.reportFailure = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(new ForLoadedMethod(report)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
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
        return builder.type(ElementMatchers.named(typeName))
                .transform((b, type, loader, module, domain) -> b.visit(woven.on(methods)));
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
