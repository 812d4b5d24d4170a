package dev.taskflight.agent.internal.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.internal.adapter.TypeShape;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class JettyAdapterTest {

    /** A reserved thread as Jetty 10 and 11 declare it. */
    static final class Jetty10ReservedThread {
        Runnable reservedWait() {
            return null;
        }
    }

    /** A reserved thread of a Jetty the adapter does not know. */
    static final class UnknownReservedThread {
        Runnable awaitTask() {
            return null;
        }
    }

    @Test
    void theJettyOnTheTestClassPathHasEveryClassTheAdapterWeaves() {
        TypePool classPath = TypePool.Default.ofSystemLoader();
        for (TypeShape shape : JettyAdapter.shapes()) {
            assertThat(shape.missing(classPath.describe(shape.typeName()).resolve())).as(shape.typeName()).isEmpty();
        }
    }

    @Test
    void aReservedThreadWaitsUnderEitherNameAndAnUnknownOneIsNamedInTheWarning() {
        TypeShape reserved = JettyAdapter.shapes().stream()
                .filter(s -> s.typeName().equals(JettyAdapter.RESERVED_THREAD)).findFirst().orElseThrow();
        assertThat(reserved.missing(TypeDescription.ForLoadedType.of(Jetty10ReservedThread.class))).isEmpty();
        assertThat(reserved.missing(TypeDescription.ForLoadedType.of(UnknownReservedThread.class)))
                .containsExactly("waitForTask|reservedWait(...)");
    }
}
