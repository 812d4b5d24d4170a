package dev.taskflight.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyDumperTest {

    private static final Instant T0 = Instant.parse("2026-11-21T07:00:00Z");

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private static IntervalReport interval(int second, Severity... severities) {
        List<Finding> findings = Stream.of(severities)
                .map(s -> new Finding(s == Severity.CRITICAL ? LongPollFinding.TYPE : QueueBacklogFinding.TYPE, s,
                        "orders", -1, "m", Map.of()))
                .collect(Collectors.toList());
        return new IntervalReport(T0.plusSeconds(second - 1L), T0.plusSeconds(second), List.of(), findings, 0);
    }

    private AnomalyDumper dumper(Severity min, int maxFiles) {
        return new AnomalyDumper(new AnomalyDumper.Options(min, dir, maxFiles, Duration.ZERO),
                file -> Files.writeString(file, "recording"), lines::add);
    }

    private List<String> dumps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFindingOfTheChosenSeverityWritesADumpAndReportsItsPath() throws Exception {
        try (AnomalyDumper d = dumper(Severity.CRITICAL, 3)) {
            d.accept(interval(1, Severity.WARNING));
            d.accept(interval(2, Severity.CRITICAL, Severity.WARNING));
        }
        assertThat(dumps()).containsExactly("taskflight-20261121T070002.000Z.jfr");
        assertThat(lines).singleElement().asString().isEqualTo("taskflight dump end=2026-11-21T07:00:02Z path="
                + dir.resolve("taskflight-20261121T070002.000Z.jfr") + " trigger=long-poll:critical pool=orders");
    }

    @Test
    void keepsOnlyTheNewestDumps() throws Exception {
        try (AnomalyDumper d = dumper(Severity.WARNING, 2)) {
            for (int s = 1; s <= 4; s++) {
                int n = s;
                d.accept(interval(s, Severity.WARNING));
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == n);
            }
        }
        assertThat(dumps()).containsExactly("taskflight-20261121T070003.000Z.jfr",
                "taskflight-20261121T070004.000Z.jfr");
    }

    @Test
    void noSecondDumpWithinTheMinimumGap() throws Exception {
        try (AnomalyDumper d = new AnomalyDumper(new AnomalyDumper.Options(Severity.WARNING, dir, 5,
                Duration.ofSeconds(10)), file -> Files.writeString(file, "recording"), lines::add)) {
            d.accept(interval(1, Severity.WARNING));
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);
            d.accept(interval(5, Severity.CRITICAL));
            d.accept(interval(11, Severity.CRITICAL));
        }
        assertThat(dumps()).containsExactly("taskflight-20261121T070001.000Z.jfr",
                "taskflight-20261121T070011.000Z.jfr");
    }

    @Test
    void aFailedDumpIsReportedNotThrown() throws Exception {
        try (AnomalyDumper d = new AnomalyDumper(new AnomalyDumper.Options(Severity.INFO, dir, 1, Duration.ZERO), file -> {
            throw new IOException("disk full");
        }, lines::add)) {
            d.accept(interval(1, Severity.CRITICAL));
        }
        assertThat(lines).singleElement().asString().startsWith("taskflight dump-failed ").contains("\"disk full\"");
    }
}
