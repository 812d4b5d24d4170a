package dev.taskflight.agent.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class TypeShapeTest {

    private static final TypeDescription TPE = TypeDescription.ForLoadedType.of(ThreadPoolExecutor.class);

    @Test
    void theJdkThreadPoolHasEverythingItsAdapterNeeds() {
        TypeShape shape = TypeShape.of(ThreadPoolExecutor.class.getName())
                .method("runWorker", ThreadPoolExecutor.class.getName() + "$Worker")
                .method("getTask")
                .method("execute", Runnable.class.getName())
                .methodNamed("addWorker")
                .field("workQueue");
        assertThat(shape.missing(TPE)).isEmpty();
    }

    @Test
    void whatAClassLacksIsNamedWithItsParameters() {
        TypeShape shape = TypeShape.of(ThreadPoolExecutor.class.getName())
                .method("getTask", "int")
                .methodNamed("runJob")
                .field("jobs");
        assertThat(shape.missing(TPE)).containsExactly("getTask(int)", "runJob(...)", "field jobs");
    }

    @Test
    void membersOfSuperclassesCount() {
        TypeShape shape = TypeShape.of(ThreadPoolExecutor.class.getName())
                .method("submit", Runnable.class.getName()); // declared by AbstractExecutorService
        assertThat(shape.missing(TPE)).isEmpty();
    }

    @Test
    void aRequiredSuperclassIsOneOfTheClasssAncestorsNotTheClassItself() {
        assertThat(TypeShape.of(ThreadPoolExecutor.class.getName())
                .extending(AbstractExecutorService.class.getName()).missing(TPE)).isEmpty();
        assertThat(TypeShape.of(ThreadPoolExecutor.class.getName())
                .extending(ThreadPoolExecutor.class.getName())
                .extending(ForkJoinPool.class.getName()).missing(TPE))
                .containsExactly("superclass java.util.concurrent.ThreadPoolExecutor",
                        "superclass java.util.concurrent.ForkJoinPool");
    }
}
