package dev.taskflight.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedCountsTest {

    @Test
    void countsAndSumsPerKeyMostFrequentFirst() {
        BoundedCounts<String> c = new BoundedCounts<>(10);
        c.add("a", 5);
        c.add("b", 100);
        c.add("a", 5);
        assertThat(c.top(5)).containsExactly(new BoundedCounts.Item<>("a", 2, 10), new BoundedCounts.Item<>("b", 1, 100));
        assertThat(c.topByAmount(1)).containsExactly(new BoundedCounts.Item<>("b", 1, 100));
        assertThat(c.total()).isEqualTo(3);
    }

    @Test
    void foldsKeysBeyondTheCapacityIntoOther() {
        BoundedCounts<Integer> c = new BoundedCounts<>(2);
        for (int i = 0; i < 10; i++) {
            c.add(i, 1);
        }
        assertThat(c.top(10)).hasSize(2);
        assertThat(c.otherCount()).isEqualTo(8);
        assertThat(c.total()).isEqualTo(10);
    }
}
