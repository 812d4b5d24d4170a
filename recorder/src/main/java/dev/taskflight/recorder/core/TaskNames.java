package dev.taskflight.recorder.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the task object a poll was started with into the class to report, only when a poll is
 * reported: the java agent installs a resolver that looks inside the JDK's task wrappers.
 */
public final class TaskNames {

    private static volatile Function<Object, Class<?>> resolver = Object::getClass;

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
