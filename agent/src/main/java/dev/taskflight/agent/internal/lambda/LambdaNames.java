package dev.taskflight.agent.internal.lambda;

import dev.taskflight.agent.internal.AgentLog;
import java.lang.invoke.MethodHandleInfo;

/**
 * Names the classes of lambdas and method references by the code that defined them, learnt when the
 * JDK spins such a class ({@code InnerClassLambdaMetafactory.spinInnerClass}, once per call site):
 * a lambda body {@code lambda$submit$0} of {@code com.example.Orders} is
 * {@code com.example.Orders.submit (lambda 0)}, a method reference {@code com.example.Orders::handle}
 * (a constructor reference {@code ::new}). The name is kept with the class itself (a
 * {@link ClassValue}), so it goes when the class is unloaded; reading it is a class-value lookup, made
 * only for polls that are recorded. Lambdas spun before the agent started have no name.
 */
public final class LambdaNames {

    /** The class being spun on this thread and its name, handed to {@link #NAMES}' computation. */
    private static final ThreadLocal<Object[]> SPINNING = new ThreadLocal<>();

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            Object[] spinning = SPINNING.get();
            return spinning != null && spinning[0] == type ? (String) spinning[1] : "";
        }
    };

    private LambdaNames() {
    }

    /**
     * The JDK spun the class of a lambda or method reference. Creates no lambda of its own (it runs
     * inside the JDK's lambda factory).
     *
     * @param lambdaClass the new class
     * @param implementation the factory's {@code MethodHandleInfo} of the implementation method
     */
    public static void spun(Class<?> lambdaClass, Object implementation) {
        try {
            if (lambdaClass == null || !(implementation instanceof MethodHandleInfo info)) {
                return;
            }
            SPINNING.set(new Object[] {lambdaClass, name(info)});
            try {
                NAMES.get(lambdaClass);
            } finally {
                SPINNING.remove();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * Returns the name of a lambda's or method reference's class.
     *
     * @param type a class, or {@code null}
     * @return the code that defined it, or {@code null} if it is not such a class or was spun before the agent
     */
    public static String nameOf(Class<?> type) {
        if (type == null || !type.isHidden()) {
            return null;
        }
        String name = NAMES.get(type);
        return name.isEmpty() ? null : name;
    }

    /** javac names a lambda body {@code lambda$<enclosing method>$<n>}; anything else is a method reference. */
    static String name(MethodHandleInfo info) {
        String owner = info.getDeclaringClass().getName();
        String method = info.getName();
        StringBuilder name = new StringBuilder(owner.length() + method.length() + 16).append(owner);
        int last = method.lastIndexOf('$');
        if (method.startsWith("lambda$") && last > "lambda$".length()) {
            String enclosing = method.substring("lambda$".length(), last);
            if (enclosing.equals("static")) {
                enclosing = "<clinit>";
            } else if (enclosing.equals("new")) {
                enclosing = "<init>";
            }
            return name.append('.').append(enclosing).append(" (lambda ").append(method, last + 1, method.length())
                    .append(')').toString();
        }
        if (info.getReferenceKind() == MethodHandleInfo.REF_newInvokeSpecial) {
            return name.append("::new").toString();
        }
        return name.append("::").append(method).toString();
    }
}
