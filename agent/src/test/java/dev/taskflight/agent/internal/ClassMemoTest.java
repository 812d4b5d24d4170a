package dev.taskflight.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClassMemoTest {

    /** A class to define hidden copies of: each copy is a distinct class, and can be unloaded. */
    static final class Shape {
    }

    @Test
    void aClassIsComputedOnceAndEachClassGetsItsOwnValue() {
        AtomicInteger computed = new AtomicInteger();
        ClassMemo<String> memo = new ClassMemo<>(type -> {
            computed.incrementAndGet();
            return type.getName();
        });
        for (int i = 0; i < 3; i++) {
            assertThat(memo.get(String.class)).isEqualTo("java.lang.String");
            assertThat(memo.get(Integer.class)).isEqualTo("java.lang.Integer");
        }
        assertThat(computed).hasValue(2);
    }

    @Test
    void nullValuesAreRemembered() {
        AtomicInteger computed = new AtomicInteger();
        ClassMemo<Object> memo = new ClassMemo<>(type -> {
            computed.incrementAndGet();
            return null;
        });
        assertThat(memo.get(String.class)).isNull();
        assertThat(memo.get(String.class)).isNull();
        assertThat(computed).hasValue(1);
    }

    @Test
    void thousandsOfClassesAreEachKeptThroughTheTablesGrowth() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        ClassMemo<String> memo = new ClassMemo<>(type -> {
            computed.incrementAndGet();
            return type.getName();
        });
        List<Class<?>> classes = hiddenShapes(5_000);
        for (Class<?> c : classes) {
            assertThat(memo.get(c)).isEqualTo(c.getName());
        }
        for (Class<?> c : classes) {
            assertThat(memo.get(c)).isEqualTo(c.getName());
        }
        assertThat(computed).hasValue(classes.size());
    }

    @Test
    void threadsRacingOverNewClassesEachGetTheirClasssValue() throws Exception {
        ClassMemo<String> memo = new ClassMemo<>(Class::getName);
        List<Class<?>> classes = hiddenShapes(2_000);
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        Map<Thread, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 500;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < classes.size(); i++) {
                            Class<?> c = classes.get((i + offset) % classes.size());
                            assertThat(memo.get(c)).isEqualTo(c.getName());
                        }
                    }
                } catch (Throwable e) {
                    failures.put(Thread.currentThread(), e);
                }
            });
            all.add(thread);
            thread.start();
        }
        for (Thread t : all) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aStoredValueIsKeptAndAStoredClassIsNotComputed() {
        ClassMemo<String> memo = new ClassMemo<>(type -> "");
        memo.putIfAbsent(String.class, "named");
        memo.putIfAbsent(String.class, "renamed");
        assertThat(memo.get(String.class)).isEqualTo("named");
        assertThat(memo.get(Integer.class)).isEmpty();
    }

    @Test
    void valuesStoredByThreadsRacingThroughTheTablesGrowthAreAllKept() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            ClassMemo<String> memo = new ClassMemo<>(type -> "");
            List<Class<?>> classes = hiddenShapes(4_000);
            int threads = 4;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Class<?>> mine = classes.subList(t * 1_000, (t + 1) * 1_000);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    for (Class<?> c : mine) {
                        memo.putIfAbsent(c, c.getName());
                    }
                });
                all.add(thread);
                thread.start();
            }
            for (Thread t : all) {
                t.join();
            }
            // names, not classes: AssertJ cannot describe a hidden copy of a nested class
            assertThat(classes.stream().filter(c -> !c.getName().equals(memo.get(c))).map(Class::getName))
                    .as("classes whose stored value was lost").isEmpty();
        }
    }

    @Test
    void aValueStoredWhereItsHomeIsCrowdedIsKept() throws Exception {
        // more classes of one home than a store looks at from there, in the first table and the next;
        // threads storing while another grows the table crowd homes this way (it lost one in CI)
        List<Class<?>> sameHome = new ArrayList<>();
        while (sameHome.size() < 40) {
            for (Class<?> c : hiddenShapes(1_000)) {
                if (ClassMemo.home(c, 127) == 0 && sameHome.size() < 40) {
                    sameHome.add(c);
                }
            }
        }
        ClassMemo<String> memo = new ClassMemo<>(type -> "");
        for (Class<?> c : sameHome) {
            memo.putIfAbsent(c, c.getName());
        }
        assertThat(sameHome.stream().filter(c -> !c.getName().equals(memo.get(c))).map(Class::getName))
                .as("classes whose stored value was lost").isEmpty();
    }

    @Test
    void theMemoDoesNotKeepAnUnloadableClassAliveEvenWhenItsValueRefersToIt() throws Exception {
        ClassMemo<String> plain = new ClassMemo<>(Class::getName);
        ClassMemo<Object> pinning = new ClassMemo<>(type -> type, value -> value != null);
        WeakReference<Class<?>> shape = memoised(plain, pinning);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            System.gc();
            return shape.get() == null;
        });
    }

    /** Puts a new hidden class in both memos and returns it weakly, having read it back. */
    private static WeakReference<Class<?>> memoised(ClassMemo<String> plain, ClassMemo<Object> pinning)
            throws Exception {
        Class<?> c = hiddenShapes(1).get(0);
        assertThat(plain.get(c)).isEqualTo(c.getName());
        assertThat(pinning.get(c)).isSameAs(c);
        assertThat(pinning.get(c)).isSameAs(c);
        return new WeakReference<>(c);
    }

    private static List<Class<?>> hiddenShapes(int count) throws IOException, IllegalAccessException {
        byte[] bytes;
        try (InputStream in = Shape.class.getResourceAsStream("ClassMemoTest$Shape.class")) {
            bytes = in.readAllBytes();
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<Class<?>> classes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            classes.add(lookup.defineHiddenClass(bytes, false).lookupClass());
        }
        return classes;
    }
}
