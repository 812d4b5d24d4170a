package dev.taskflight.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sample corpus: {@code jfr-analyze --format json} on every recording in {@code recordings/} reports
 * exactly the findings its {@code expected/<recording>.json} lists. Strict on which findings appear, on
 * which pool and with which cause; tolerant of timing (counts, durations, a warning that became critical
 * where the expected file gives only a minimum severity). The format: {@code expected/README.md}.
 *
 * <p>{@code -Dtaskflight.corpus.dir=DIR} checks the recordings in DIR instead (the regeneration check,
 * {@code sample-recordings/record-all.sh --check}); {@code -Dtaskflight.corpus.filter=TEXT} keeps only
 * the expected files whose name contains TEXT.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXPECTED = Paths.get("expected");
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private static Path corpus() {
        String dir = System.getProperty("taskflight.corpus.dir", "");
        return dir.isBlank() ? Paths.get("recordings") : Paths.get(dir);
    }

    private static boolean committedCorpus() {
        return System.getProperty("taskflight.corpus.dir", "").isBlank();
    }

    private static List<Path> expectedFiles() throws IOException {
        String filter = System.getProperty("taskflight.corpus.filter", "");
        try (Stream<Path> files = Files.list(EXPECTED)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> p.getFileName().toString().contains(filter))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String recordingName(Path expected) {
        String name = expected.getFileName().toString();
        return name.substring(0, name.length() - ".json".length()) + ".jfr";
    }

    @Test
    void everyRecordingHasAnExpectedFileAndEveryExpectedFileARecording() throws IOException {
        Set<String> expected = expectedFiles().stream().map(CorpusTest::recordingName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).as("expected files in %s", EXPECTED.toAbsolutePath()).isNotEmpty();
        Set<String> recordings;
        try (Stream<Path> files = Files.list(corpus())) {
            recordings = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jfr"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        if (committedCorpus() && System.getProperty("taskflight.corpus.filter", "").isEmpty()) {
            assertThat(recordings).isEqualTo(expected);
            long bytes = 0;
            for (String r : recordings) {
                bytes += Files.size(corpus().resolve(r));
            }
            assertThat(bytes).as("the committed corpus stays small").isLessThan(20L * 1024 * 1024);
        } else {
            assertThat(recordings).containsAll(expected);
        }
    }

    @TestFactory
    List<DynamicTest> eachRecordingReportsExactlyTheExpectedFindings() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path expected : expectedFiles()) {
            String recording = recordingName(expected);
            tests.add(DynamicTest.dynamicTest(recording, () -> check(corpus().resolve(recording),
                    JSON.readTree(expected.toFile()))));
        }
        return tests;
    }

    private static void check(Path recording, JsonNode expected) throws Exception {
        assertThat(recording).exists();
        JsonNode report = analyze("--format", "json", recording.toString());
        String context = recording.getFileName() + ":\n" + report.toPrettyString();

        long taskflightEvents = report.get("recording").get("taskflightEvents").asLong();
        if (expected.path("agent").asBoolean(true)) {
            assertThat(taskflightEvents).as("Taskflight events in %s", context).isPositive();
        } else {
            assertThat(taskflightEvents).as("Taskflight events in %s", context).isZero();
        }

        List<String> pools = new ArrayList<>();
        report.get("pools").forEach(p -> pools.add(p.get("pool").asText()));
        for (JsonNode pool : expected.path("pools")) {
            assertThat(pools).as("pools of %s", context).anyMatch(p -> glob(pool.asText()).matcher(p).matches());
        }

        List<JsonNode> required = list(expected.path("findings"));
        List<JsonNode> optional = list(expected.path("optionalFindings"));
        List<JsonNode> actual = list(report.get("findings"));
        for (JsonNode finding : actual) {
            assertThat(Stream.concat(required.stream(), optional.stream()).anyMatch(e -> matches(e, finding)))
                    .as("unexpected finding %s in %s", finding, context).isTrue();
        }
        for (JsonNode e : required) {
            assertThat(actual.stream().anyMatch(f -> matches(e, f)))
                    .as("expected finding %s missing from %s", e, context).isTrue();
        }

        if (expected.has("longPollCauses")) {
            JsonNode polls = analyze("long-polls", "--format", "json", "--top", "100000", recording.toString());
            for (JsonNode cause : expected.get("longPollCauses")) {
                boolean found = false;
                for (JsonNode poll : polls.get("longPolls")) {
                    JsonNode causes = poll.get("explanation").path("causes");
                    found |= glob(cause.get("pool").asText()).matcher(poll.get("pool").asText()).matches()
                            && causes.size() > 0 && causeMatches(cause, causes.get(0).get("kind").asText(),
                                    causes.get(0).get("subject").asText());
                }
                assertThat(found).as("no long poll mainly caused by %s in %s", cause, polls.toPrettyString()).isTrue();
            }
        }

        JsonNode jdkOnly = expected.path("jdkOnly");
        for (JsonNode note : jdkOnly.path("notesContain")) {
            assertThat(report.get("notes").toString()).as("notes of %s", context).contains(note.asText());
        }
        for (JsonNode group : jdkOnly.path("threadGroups")) {
            boolean found = false;
            for (JsonNode g : report.get("threadGroups")) {
                found |= glob(group.get("group").asText()).matcher(g.get("group").asText()).matches()
                        && g.get("topFrames").size() > 0
                        && g.get("topFrames").get(0).get("frame").asText().contains(group.get("topFrame").asText());
            }
            assertThat(found).as("thread group %s in %s", group, context).isTrue();
        }
    }

    /** Whether the actual finding is one the expected entry describes. */
    private static boolean matches(JsonNode e, JsonNode f) {
        if (!e.get("type").asText().equals(f.get("type").asText())) {
            return false;
        }
        String pool = f.get("pool").isNull() ? null : f.get("pool").asText();
        if (e.hasNonNull("pool") ? pool == null || !glob(e.get("pool").asText()).matcher(pool).matches()
                : pool != null) {
            return false;
        }
        if (e.has("worker") && f.get("worker").asInt(-1) != e.get("worker").asInt()) {
            return false;
        }
        int severity = SEVERITIES.indexOf(f.get("severity").asText());
        if (e.has("severity") && !e.get("severity").asText().equals(f.get("severity").asText())) {
            return false;
        }
        if (e.has("minSeverity") && severity < SEVERITIES.indexOf(e.get("minSeverity").asText())) {
            return false;
        }
        if (e.has("reason") && !e.get("reason").asText().equals(f.get("facts").path("reason").asText())) {
            return false;
        }
        if (e.has("cause") && !causeMatches(e.get("cause"), f.get("facts").path("longestCause").asText(),
                f.get("facts").path("longestCauseSubject").asText())) {
            return false;
        }
        return !e.has("messageContains") || f.get("message").asText().contains(e.get("messageContains").asText());
    }

    /** {@code {"kind": ["sleep", "socket-read"], "subject": "substring"}}: kind one of those, subject containing. */
    private static boolean causeMatches(JsonNode cause, String kind, String subject) {
        List<String> kinds = new ArrayList<>();
        if (cause.path("kind").isArray()) {
            cause.get("kind").forEach(k -> kinds.add(k.asText()));
        } else if (cause.has("kind")) {
            kinds.add(cause.get("kind").asText());
        }
        return (kinds.isEmpty() || kinds.contains(kind))
                && (!cause.has("subject") || subject.contains(cause.get("subject").asText()));
    }

    /** A pool name pattern: {@code *} stands for any text, everything else is literal. */
    private static Pattern glob(String glob) {
        return Pattern.compile(Stream.of(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static JsonNode analyze(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        assertThat(code).as("jfr-analyze %s: %s", String.join(" ", args), err).isZero();
        assertThat(err.toString()).as("stderr of jfr-analyze %s", String.join(" ", args)).isEmpty();
        JsonNode root = JSON.readTree(out.toString());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        return root;
    }
}
