package dev.taskflight.recorder.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the task object a poll was started with into the class to report, only when a poll is
 * reported: the java agent installs a resolver that looks inside the JDK's task wrappers.
 */
public final class TaskNames {

    private static volatile Function<Object, Class<?>> resolver = Object::getClass;
    private static volatile Function<Class<?>, String> namer = c -> null;

    private TaskNames() {
    }

    /**
     * Sets how tasks are turned into classes.
     *
     * @param taskResolver the resolver, not {@code null}; it must not throw
     */
    public static void resolveWith(Function<Object, Class<?>> taskResolver) {
        resolver = Objects.requireNonNull(taskResolver);
    }

    /**
     * Sets how the classes of lambdas and method references are named by the code that defined them.
     *
     * @param lambdaNamer returns the name of a task class, or {@code null} for none; it must not throw
     */
    public static void nameLambdasWith(Function<Class<?>, String> lambdaNamer) {
        namer = Objects.requireNonNull(lambdaNamer);
    }

    /**
     * @param taskClass a task's class, or {@code null}
     * @return the code that defined it if it is a lambda or method reference the namer knows, else {@code null}
     */
    static String nameOf(Class<?> taskClass) {
        if (taskClass == null || !taskClass.isHidden()) {
            return null;
        }
        try {
            return namer.apply(taskClass);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The name a {@code TaskPoll} gives its task.
     *
     * @param taskClass a task's class, or {@code null}
     * @return the code that defined it if it is a lambda or method reference the namer knows, else
     *         the class's name; {@code null} for {@code null}
     */
    static String taskName(Class<?> taskClass) {
        if (taskClass == null) {
            return null;
        }
        String name = nameOf(taskClass);
        return name != null ? name : taskClass.getTypeName();
    }

    /**
     * @param task a task, a class, or {@code null}
     * @return the class to report, or {@code null}
     */
    static Class<?> classOf(Object task) {
        if (task == null) {
            return null;
        }
        if (task instanceof Class<?> c) {
            return c;
        }
        try {
            return resolver.apply(task);
        } catch (RuntimeException | LinkageError e) {
            return task.getClass();
        }
    }
}
