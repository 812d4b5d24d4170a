package dev.taskflight.agent.internal.lambda;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.ClassMemo;
import java.lang.invoke.MethodHandleInfo;
import java.util.function.Function;

/**
 * Names the classes of lambdas and method references by the code that defined them, learnt when the
 * JDK spins such a class ({@code InnerClassLambdaMetafactory.spinInnerClass}, once per call site):
 * a lambda body {@code lambda$submit$0} of {@code com.example.Orders} is
 * {@code com.example.Orders.submit (lambda 0)}, a method reference {@code com.example.Orders::handle}
 * (a constructor reference {@code ::new}). The name is kept in a {@link ClassMemo}, which holds the
 * class weakly, so it goes when the class is unloaded; reading it takes no lock, and is made only for
 * polls that are recorded. Lambdas spun before the agent started have no name, and so do lambdas spun
 * once the memo is full (tens of thousands of live lambda classes).
 */
public final class LambdaNames {

    /**
     * Each lambda class's name, stored when it is spun; "" for a hidden class spun before the agent.
     * Made without a lambda, which would be spun, and so call {@link #spun}, during this class's
     * initialization.
     */
    private static final ClassMemo<String> NAMES = new ClassMemo<>(new Function<Class<?>, String>() {
        @Override
        public String apply(Class<?> type) {
            return "";
        }
    });

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
            NAMES.putIfAbsent(lambdaClass, name(info));
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
