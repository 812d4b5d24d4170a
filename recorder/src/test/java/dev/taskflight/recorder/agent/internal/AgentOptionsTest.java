package dev.taskflight.recorder.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

    @Test
    void noOptionsMeanProductionEveryPoolAndNoStreaming() {
        AgentOptions options = AgentOptions.parse(null);
        assertThat(options.trace()).isFalse();
        assertThat(options.streamToLog()).isFalse();
        assertThat(options.accepts("anything")).isTrue();
    }

    @Test
    void parsesModeStreamAndPoolGlobs() {
        AgentOptions options = AgentOptions.parse("mode=trace,stream=log,include=orders-*|ForkJoinPool.*,exclude=*-audit");
        assertThat(options.trace()).isTrue();
        assertThat(options.streamToLog()).isTrue();
        assertThat(options.accepts("orders-worker")).isTrue();
        assertThat(options.accepts("ForkJoinPool.commonPool")).isTrue();
        assertThat(options.accepts("orders-audit")).isFalse();
        assertThat(options.accepts("billing")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mode=fast", "bogus=1", "include=", "noequals", "stream=kafka"})
    void malformedOptionsAreRejectedStrictlyAndGiveDefaultsLeniently(String text) {
        assertThatThrownBy(() -> AgentOptions.parseStrictly(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AgentOptions.parse(text)).isEqualTo(AgentOptions.DEFAULTS);
    }
}
