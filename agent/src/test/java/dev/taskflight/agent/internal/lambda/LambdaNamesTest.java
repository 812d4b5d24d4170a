package dev.taskflight.agent.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class LambdaNamesTest {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String OWNER = LambdaNamesTest.class.getName();

    // Methods named as javac names lambda bodies ('$' is legal in a Java name).
    static void lambda$submit$3() {
    }

    static void lambda$static$0() {
    }

    static void lambda$new$1() {
    }

    static void handle() {
    }

    @Test
    void aLambdaBodyIsNamedByItsClassAndTheMethodThatDefinedIt() throws Exception {
        assertThat(LambdaNames.name(info("lambda$submit$3"))).isEqualTo(OWNER + ".submit (lambda 3)");
        assertThat(LambdaNames.name(info("lambda$static$0"))).isEqualTo(OWNER + ".<clinit> (lambda 0)");
        assertThat(LambdaNames.name(info("lambda$new$1"))).isEqualTo(OWNER + ".<init> (lambda 1)");
    }

    @Test
    void aMethodOrConstructorReferenceIsNamedAsWritten() throws Exception {
        assertThat(LambdaNames.name(info("handle"))).isEqualTo(OWNER + "::handle");
        MethodHandleInfo constructor = LOOKUP.revealDirect(
                LOOKUP.findConstructor(StringBuilder.class, MethodType.methodType(void.class)));
        assertThat(LambdaNames.name(constructor)).isEqualTo("java.lang.StringBuilder::new");
    }

    @Test
    void onlyASpunLambdaClassHasAName() throws Exception {
        Runnable spun = () -> { };
        Runnable other = () -> { };
        LambdaNames.spun(spun.getClass(), info("lambda$submit$3"));
        assertThat(LambdaNames.nameOf(spun.getClass())).isEqualTo(OWNER + ".submit (lambda 3)");
        assertThat(LambdaNames.nameOf(other.getClass())).as("spun before the agent").isNull();
        assertThat(LambdaNames.nameOf(LambdaNamesTest.class)).as("not a hidden class").isNull();
        assertThat(LambdaNames.nameOf(null)).isNull();
    }

    private static MethodHandleInfo info(String method) throws ReflectiveOperationException {
        return LOOKUP.revealDirect(LOOKUP.findStatic(LambdaNamesTest.class, method, MethodType.methodType(void.class)));
    }
}
