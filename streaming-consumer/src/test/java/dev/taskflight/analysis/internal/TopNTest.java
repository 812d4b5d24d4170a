package dev.taskflight.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopNTest {

    @Test
    void keepsTheLargestKeysLargestFirst() {
        TopN<String> top = new TopN<>(3);
        for (int i = 0; i < 100; i++) {
            int k = (i * 37) % 100;
            top.offer(k, () -> "k" + k);
        }
        assertThat(top.descending()).containsExactly("k99", "k98", "k97");
    }

    @Test
    void buildsAnItemOnlyWhenItIsKept() {
        TopN<String> top = new TopN<>(1);
        top.offer(10, () -> "ten");
        top.offer(5, () -> {
            throw new AssertionError("not kept, not built");
        });
        assertThat(top.descending()).containsExactly("ten");
    }

    @Test
    void aZeroCapacityKeepsNothing() {
        TopN<String> top = new TopN<>(0);
        top.offer(1, () -> "one");
        assertThat(top.size()).isZero();
    }
}
