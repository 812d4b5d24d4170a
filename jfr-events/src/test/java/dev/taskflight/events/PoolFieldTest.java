package dev.taskflight.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolFieldTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "p", "pool-1", "qtp1916575798", "pool-of-16-chars", "http-nio-8080-exec",
        "ForkJoinPool.commonPool", "a pool with spaces", "a pool"})
    void aNameReadsBackAsItWasWritten(String name) {
        assertThat(PoolField.read(PoolField.write(name))).isEqualTo(name);
    }

    @Test
    void aShortNameIsPaddedWithSpacesToTheLengthJfrPools() {
        assertThat(PoolField.write("pool-1")).isEqualTo("pool-1           ").hasSize(PoolField.LENGTH);
        assertThat(PoolField.write("pool-of-16-chars")).isEqualTo("pool-of-16-chars ");
    }

    @Test
    void aNameOfTheLengthJfrPoolsOrLongerIsWrittenAsItIs() {
        String seventeen = "pool-of-17-chars!";
        assertThat(PoolField.write(seventeen)).isSameAs(seventeen);
        assertThat(PoolField.write("http-nio-8080-exec")).isEqualTo("http-nio-8080-exec");
    }

    @Test
    void valuesThatAreNotPaddedReadAsTheyAre() {
        // names recorded before the padding, and the names of every other event
        for (String value : new String[] {"pool-1", "pool-of-16-chars", "pool-of-17-chars!", "http-nio-8080-exec ",
            "padded-to-18      ", ""}) {
            assertThat(PoolField.read(value)).isSameAs(value);
        }
        assertThat(PoolField.read(null)).isNull();
    }
}
