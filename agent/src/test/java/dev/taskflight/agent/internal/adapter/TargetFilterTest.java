package dev.taskflight.agent.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

class TargetFilterTest {

    private static final byte[] WOVEN = {1, 2, 3};

    @Test
    void onlyTheNamedClassesReachTheTransformer() throws Exception {
        Recording inner = new Recording();
        ResettableClassFileTransformer filter = TargetFilter.decorator(
                Set.of("org.apache.tomcat.util.threads.ThreadPoolExecutor", "kotlinx.coroutines.scheduling.CoroutineScheduler$Worker"))
                .decorate(inner);

        assertThat(filter.transform(Object.class.getModule(), null, "org/apache/tomcat/util/threads/ThreadPoolExecutor",
                null, null, new byte[0])).isSameAs(WOVEN);
        assertThat(filter.transform(null, "kotlinx/coroutines/scheduling/CoroutineScheduler$Worker", null, null,
                new byte[0])).isSameAs(WOVEN);
        assertThat(filter.transform(Object.class.getModule(), null, "org/apache/catalina/core/StandardContext", null, null,
                new byte[0])).isNull();
        assertThat(filter.transform(null, "org/apache/tomcat/util/threads/ThreadPoolExecutor$Worker", null, null,
                new byte[0])).isNull();
        // a class defined with no name: Byte Buddy reads its name from the bytes
        assertThat(filter.transform(Object.class.getModule(), null, null, null, null, new byte[0])).isSameAs(WOVEN);

        assertThat(inner.seen).containsExactly("org/apache/tomcat/util/threads/ThreadPoolExecutor",
                "kotlinx/coroutines/scheduling/CoroutineScheduler$Worker", null);
    }

    /** A transformer that records the names it is asked to transform, and weaves every one. */
    private static final class Recording extends ResettableClassFileTransformer.AbstractBase {
        final List<String> seen = new ArrayList<>();

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            seen.add(name);
            return WOVEN;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            return transform(loader, name, redefined, domain, bytes);
        }

        @Override
        public Iterator<AgentBuilder.Transformer> iterator(TypeDescription type, ClassLoader loader, JavaModule module,
                Class<?> redefined, ProtectionDomain domain) {
            return Collections.emptyIterator();
        }

        @Override
        public boolean reset(java.lang.instrument.Instrumentation instrumentation, ResettableClassFileTransformer transformer,
                AgentBuilder.RedefinitionStrategy strategy, AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
                AgentBuilder.RedefinitionStrategy.BatchAllocator allocator, AgentBuilder.RedefinitionStrategy.Listener listener) {
            return false;
        }
    }
}
