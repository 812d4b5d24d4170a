package dev.taskflight.agent.internal.lambda;

import net.bytebuddy.asm.Advice;

/** The advice woven into {@code java.lang.invoke.InnerClassLambdaMetafactory}: one call per lambda class spun. */
public final class LambdaAdvice {

    private LambdaAdvice() {
    }

    /** On {@code spinInnerClass()}, which returns the new class of a lambda or method reference. */
    public static final class SpinInnerClass {
        private SpinInnerClass() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Class<?> lambdaClass, @Advice.FieldValue("implInfo") Object implementation) {
            LambdaNames.spun(lambdaClass, implementation);
        }
    }
}
