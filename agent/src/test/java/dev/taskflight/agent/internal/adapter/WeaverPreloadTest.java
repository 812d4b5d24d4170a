package dev.taskflight.agent.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

/**
 * The agent loads the library classes it weaves that the application's loader can find, in {@code premain},
 * so that the application's first use of a library does not wait for the weaving: the JDK's classes and
 * classes the loader lacks are left alone.
 */
class WeaverPreloadTest {

    @Test
    void theLibraryClassesTheLoaderHoldsAreLoadedAndTheOthersLeftAlone() throws Exception {
        Weaver weaver = new Weaver(ClassFileLocator.NoOp.INSTANCE, false);
        weaver.types("java.util.concurrent.ThreadPoolExecutor", "org.eclipse.jetty.util.thread.QueuedThreadPool",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "com.example.NoSuchPool");
        // a loader of its own, so that the classes are loaded here and only here
        URL[] path = {QueuedThreadPoolJar.url()};
        try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            List<Class<?>> loaded = weaver.preload(loader);
            assertThat(loaded).extracting(Class::getName).containsExactly(
                    "org.eclipse.jetty.util.thread.QueuedThreadPool", "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner");
            assertThat(loaded).allSatisfy(c -> assertThat(c.getClassLoader()).isSameAs(loader));
        }
    }

    @Test
    void aLoaderWithoutTheLibrariesLoadsNothing() throws Exception {
        Weaver weaver = new Weaver(ClassFileLocator.NoOp.INSTANCE, false);
        weaver.types("org.eclipse.jetty.util.thread.QueuedThreadPool", "java.util.concurrent.ThreadPoolExecutor");
        try (URLClassLoader loader = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(weaver.preload(loader)).isEmpty();
        }
    }

    /** Where the test's Jetty comes from. */
    private static final class QueuedThreadPoolJar {
        static URL url() {
            return org.eclipse.jetty.util.thread.QueuedThreadPool.class.getProtectionDomain().getCodeSource().getLocation();
        }
    }
}
