package dev.taskflight.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    @Test
    void keysAreComparedByIdentityNotEquality() {
        WeakIdentityMap<String, Integer> map = new WeakIdentityMap<>();
        String a = new String("pool");
        String b = new String("pool");
        map.computeIfAbsent(a, k -> 1);
        assertThat(map.get(a)).isEqualTo(1);
        assertThat(map.get(b)).isNull();
    }

    @Test
    void manyThreadsRacingForOneKeyComputeItOnceAndAllSeeThatValueWhenTheyWait() throws Exception {
        WeakIdentityMap<Object, Object> map = new WeakIdentityMap<>();
        Object key = new Object();
        AtomicInteger computed = new AtomicInteger();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    seen.add(map.computeIfAbsent(key, k -> {
                        computed.incrementAndGet();
                        return new Object();
                    }, 10_000_000_000L));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            all.add(t);
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        assertThat(computed).hasValue(1);
        assertThat(seen).hasSize(threads).containsOnly(map.get(key));
    }

    @Test
    void aCallerThatDoesNotWaitGetsNullWhileAnotherComputesAndNeverBlocks() throws Exception {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> map.computeIfAbsent(key, k -> {
            computing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "probe";
        }));
        first.start();
        computing.await();
        assertThat(map.computeIfAbsent(key, k -> "other", 0)).isNull();
        assertThat(map.get(key)).isNull();
        release.countDown();
        first.join();
        assertThat(map.computeIfAbsent(key, k -> "other")).isEqualTo("probe");
    }

    @Test
    void aFailedComputationLeavesTheKeyAbsentForTheNextCaller() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        assertThatThrownBy(() -> map.computeIfAbsent(key, k -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(map.computeIfAbsent(key, k -> "second")).isEqualTo("second");
    }

    @Test
    void removeForgetsTheKey() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.computeIfAbsent(key, k -> "v");
        map.remove(key);
        assertThat(map.get(key)).isNull();
    }
}
