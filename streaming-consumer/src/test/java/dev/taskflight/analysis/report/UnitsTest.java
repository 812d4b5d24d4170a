package dev.taskflight.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @Test
    void readsDurationsInEveryUnitWithFractionsAndAnyCase() {
        assertThat(Units.parseDuration("750ns")).isEqualTo(Duration.ofNanos(750));
        assertThat(Units.parseDuration("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(Units.parseDuration("2.5ms")).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(Units.parseDuration(" 10 S ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Units.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Units.parseDuration("0s")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ms", "-1s", "1h", "1,5s", "fast"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }
}
