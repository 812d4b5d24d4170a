package dev.taskflight.agent.internal.kotlin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.agent.internal.LibraryShape;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class CoroutineAdapterTest {

    private static final TypePool POOL = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());

    @Test
    void theKotlinxCoroutinesVersionUnderTestFitsTheShapeFromTheSchedulerAndFromItsWorker() {
        assertThat(CoroutineAdapter.missing(POOL.describe(CoroutineAdapter.SCHEDULER).resolve())).isEmpty();
        assertThat(CoroutineAdapter.missing(POOL.describe(CoroutineAdapter.WORKER).resolve())).isEmpty();
    }

    @Test
    void aSchedulerOfAnUnknownShapeIsReportedAsMissingWhatTheAdviceNeeds() {
        TypeDescription unknown = new ByteBuddy().subclass(Object.class).name(CoroutineAdapter.SCHEDULER)
                .defineField("schedulerName", String.class).make().getTypeDescription();
        assertThat(CoroutineAdapter.missing(unknown)).isNotEmpty();
    }

    @Test
    void aShapeNamesEachMissingMethodAndFieldOfAClass() {
        TypeDescription scheduler = POOL.describe(CoroutineAdapter.SCHEDULER).resolve();
        LibraryShape shape = LibraryShape.of().method("runSafely", "java.lang.Runnable").methodNamed("dispatch")
                .field("globalCpuQueue").field("noSuchQueue");
        assertThat(shape.missing(scheduler)).containsExactly(
                CoroutineAdapter.SCHEDULER + ".runSafely(java.lang.Runnable)", CoroutineAdapter.SCHEDULER + ".noSuchQueue");
    }
}
