package dev.taskflight.agent.internal.adapter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reaches into a library's classes, which the agent (on the boot class path) cannot compile against:
 * method and field handles looked up from a runtime class, and reads that never throw. Look handles
 * up once per class (when a pool is first seen), not per task.
 */
public final class Reflect {

    private Reflect() {
    }

    /**
     * Finds a method of a class or its superclasses, public or not, as a handle adapted to
     * {@code (Object)Object} plus the given parameters boxed as they are.
     *
     * @param type the class to look in
     * @param name the method's name
     * @param parameters the method's parameter types
     * @return the handle, typed {@code (Object, parameters...) -> Object}, or {@code null} if there is none
     *         or it cannot be opened
     */
    public static MethodHandle method(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, parameters);
                MethodHandle h = lookup(c).unreflect(m);
                return h.asType(MethodType.genericMethodType(0).changeReturnType(Object.class)
                        .appendParameterTypes(Object.class).appendParameterTypes(parameters));
            } catch (NoSuchMethodException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Finds a field of a class or its superclasses, public or not.
     *
     * @param type the class to look in
     * @param name the field's name
     * @return its handle, or {@code null} if there is none or it cannot be opened
     */
    public static VarHandle field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                return lookup(c).unreflectVarHandle(f);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Calls a no-argument handle from {@link #method} and returns its result as a number.
     *
     * @param handle the handle, or {@code null}
     * @param target the object to call it on
     * @param absent what to return if the handle is {@code null}, fails, or returns no number
     * @return the result as a {@code long}, or {@code absent}
     */
    public static long longValue(MethodHandle handle, Object target, long absent) {
        Object value = call(handle, target);
        return value instanceof Number n ? n.longValue() : absent;
    }

    /**
     * Calls a no-argument handle from {@link #method} and returns its result as a boolean.
     *
     * @param handle the handle, or {@code null}
     * @param target the object to call it on
     * @param absent what to return if the handle is {@code null}, fails, or returns no boolean
     * @return the result, or {@code absent}
     */
    public static boolean booleanValue(MethodHandle handle, Object target, boolean absent) {
        Object value = call(handle, target);
        return value instanceof Boolean b ? b : absent;
    }

    /**
     * Calls a no-argument handle from {@link #method}.
     *
     * @param handle the handle, or {@code null}
     * @param target the object to call it on
     * @return the result, or {@code null} if the handle is {@code null} or the call failed
     */
    public static Object call(MethodHandle handle, Object target) {
        if (handle == null || target == null) {
            return null;
        }
        try {
            return handle.invoke(target);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Looks up and calls, once, handles of each shape {@link #method} makes (int, long, boolean and
     * object results; a primitive parameter), on JDK classes of the packages the agent opens: the JDK
     * initializes the classes behind these adaptations the first time one is made, and a thread that
     * needs them meanwhile waits. Called on a thread of the agent's at start, so that the first workers
     * of a library's pool, which look their pool's getters up, find them ready.
     */
    public static void warmUp() {
        ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
        longValue(method(ConcurrentLinkedQueue.class, "size"), queue, -1);
        booleanValue(method(ConcurrentLinkedQueue.class, "isEmpty"), queue, false);
        call(method(ConcurrentLinkedQueue.class, "peek"), queue);
        longValue(method(Thread.class, "getId"), Thread.currentThread(), -1);
        MethodHandle withParameter = method(TimeUnit.class, "toNanos", long.class);
        if (withParameter != null) {
            try {
                Object ignored = withParameter.invoke(TimeUnit.SECONDS, 1L);
            } catch (Throwable t) {
                // a warm-up only
            }
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> c) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
    }

    /**
     * Returns a class, or its nearest superclass, of a given name: what an instance of a library's class
     * (or of a subclass of it) is, seen without loading the library's class.
     *
     * @param type the class to start from
     * @param name the binary name looked for
     * @return {@code type} or one of its superclasses, or {@code null} if none has that name
     */
    public static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
