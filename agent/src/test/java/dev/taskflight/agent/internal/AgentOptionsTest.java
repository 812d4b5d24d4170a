package dev.taskflight.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.StillRunning;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(options.streamInterval()).isEqualTo(IntervalOptions.DEFAULT_INTERVAL);
        assertThat(options.dumpOn()).isNull();
    }

    @Test
    void libraryClassesArePreloadedUnlessPreloadIsFalse() {
        assertThat(AgentOptions.parse(null).preload()).isTrue();
        assertThat(AgentOptions.parse("mode=production").preload()).isTrue();
        assertThat(AgentOptions.parse("preload=false").preload()).isFalse();
        assertThat(AgentOptions.parse("preload=TRUE").preload()).isTrue();
        assertThatThrownBy(() -> AgentOptions.parseStrictly("preload=no")).hasMessageContaining("preload must be true or false");
    }

    @Test
    void streamLogAloneStreamsEveryTenSecondsWithoutDumps() {
        AgentOptions options = AgentOptions.parse("stream=log");
        assertThat(options.streamToLog()).isTrue();
        assertThat(options.streamInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.dumpOn()).isNull();
    }

    @Test
    void parsesTheStreamIntervalAsJfrAnalyzeStreamDoes() {
        assertThat(AgentOptions.parse("stream=log,stream.interval=1s").streamInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(AgentOptions.parse("stream=log,stream.interval=2.5s").streamInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(AgentOptions.parse("stream=log,stream.interval=500ms").streamInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(AgentOptions.parse("stream=log,stream.interval=1m").streamInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void stillRunningLinesAreAllByDefaultAndCanBeCriticalOnlyOrOff() {
        assertThat(AgentOptions.parse("stream=log").stillRunning()).isEqualTo(StillRunning.ALL);
        assertThat(AgentOptions.parse("stream=log,stream.still-running=critical").stillRunning())
                .isEqualTo(StillRunning.CRITICAL);
        assertThat(AgentOptions.parse("stream=log,stream.still-running=OFF").stillRunning()).isEqualTo(StillRunning.OFF);
        assertThat(AgentOptions.parse("stream=log,stream.still-running=sometimes")).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.parse("stream.still-running=off")).isEqualTo(AgentOptions.DEFAULTS);
    }

    @Test
    void parsesDumpOnAnomaly() {
        AgentOptions options = AgentOptions.parse("stream=log,stream.dump-on=CRITICAL,stream.dump-dir=/var/tmp/tf");
        assertThat(options.dumpOn()).isEqualTo(Severity.CRITICAL);
        assertThat(options.dumpDir()).isEqualTo(Path.of("/var/tmp/tf"));
        AgentOptions here = AgentOptions.parse("stream=log,stream.dump-on=warning");
        assertThat(here.dumpOn()).isEqualTo(Severity.WARNING);
        assertThat(here.dumpDir()).isEqualTo(AgentOptions.DEFAULT_DUMP_DIR);
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
    @ValueSource(strings = {"mode=fast", "bogus=1", "include=", "noequals", "stream=kafka",
            "stream=log,stream.interval=10", "stream=log,stream.interval=fast", "stream=log,stream.interval=0s",
            "stream=log,stream.interval=500us", "stream=log,stream.dump-on=panic", "stream=log,stream.dump-dir=/tmp",
            "stream=log,stream.dump-on=critical,stream.dump-dir=", "stream.interval=1s", "stream=none,stream.dump-on=critical"})
    void malformedOptionsAreRejectedStrictlyAndGiveDefaultsLeniently(String text) {
        assertThatThrownBy(() -> AgentOptions.parseStrictly(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AgentOptions.parse(text)).isEqualTo(AgentOptions.DEFAULTS);
    }

    @Test
    void recordTakesAProfileOrAJfcFile() {
        assertThat(AgentOptions.parse(null).record()).isNull();
        assertThat(AgentOptions.parse("record=production").record()).isEqualTo("production");
        assertThat(AgentOptions.parse("record=TRACE,mode=trace").record()).isEqualTo("trace");
        assertThat(AgentOptions.parse("record=/etc/app/My.jfc").record()).isEqualTo("/etc/app/My.jfc");
        assertThatThrownBy(() -> AgentOptions.parseStrictly("record=loud"))
                .hasMessageContaining("record must be production, trace or the path of a .jfc file");
    }

    @Test
    void optionsCutAtTheirFirstEqualsSignByJcmdAreRejectedWithTheSyntaxThatWorks() {
        assertThat(AgentOptions.parse("stream")).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(System.getProperty(AgentProperties.OPTIONS_ERROR)).contains("expected key=value, got 'stream'")
                .contains("double quotes");
        System.clearProperty(AgentProperties.OPTIONS_ERROR);
    }
}
