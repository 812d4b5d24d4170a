package dev.taskflight.cli;

import static dev.taskflight.analysis.fixtures.ProblemWorkload.COMPUTE;
import static dev.taskflight.analysis.fixtures.ProblemWorkload.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code jfr-analyze report}: one self-contained page whose data has the analysis's findings and polls. */
class ReportTest {

    static Path report(String... options) {
        Path out = Recordings.newDirectory().resolve("report.html");
        List<String> args = new ArrayList<>(List.of("report", Recordings.problems().toString(), "-o", out.toString()));
        args.addAll(List.of(options));
        Run run = Run.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("Wrote " + out + ": open it in a browser (it needs no network)."
                + System.lineSeparator());
        return out;
    }

    static JsonNode data(Path html) throws Exception {
        String page = Files.readString(html);
        int start = page.indexOf("<script type=\"application/json\" id=\"data\">");
        int end = page.indexOf("</script>", start);
        return new ObjectMapper().readTree(page.substring(page.indexOf('>', start) + 1, end));
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        String page = Files.readString(report());
        assertThat(Pattern.compile("(src|href)\\s*=\\s*\"(?!#)", Pattern.CASE_INSENSITIVE).matcher(page).find())
                .as("no external script, style or link").isFalse();
        assertThat(page).contains("uPlot", "taskflightReport").doesNotContain("/*DATA*/", "/*UPLOT_JS*/");
        assertThat(page.indexOf("</script>")).as("the data does not end its script early")
                .isGreaterThan(page.indexOf("id=\"data\">"));
    }

    @Test
    void theDataHasEveryPoolsVerdictFindingsAndExplainedLongPolls() throws Exception {
        JsonNode data = data(report());
        assertThat(data.get("verdict").asText()).isEqualTo("critical");
        JsonNode compute = pool(data, COMPUTE);
        assertThat(compute.get("verdict").asText()).isEqualTo("critical");
        assertThat(compute.get("findings")).anySatisfy(f -> assertThat(f.get("type").asText()).isEqualTo("long-poll"));
        assertThat(compute.get("lanes")).hasSize(4);
        assertThat(compute.get("aggregated").asBoolean()).isFalse();
        assertThat(compute.get("polls")).hasSize(4 * 51 - 1);
        List<String> explained = new ArrayList<>();
        compute.get("longPolls").forEach(p -> explained.add(p.get("task").asText() + ": " + p.get("explanation")));
        assertThat(explained).anySatisfy(e -> assertThat(e).startsWith(ProblemWorkload.SpinTask.class.getName()));
        assertThat(explained).anySatisfy(e -> assertThat(e).startsWith(ProblemWorkload.LockedTask.class.getName())
                .contains("blocked on monitor " + ProblemWorkload.ContendedGuard.class.getName()));
        assertThat(explained).anySatisfy(e -> assertThat(e).startsWith(ProblemWorkload.SleepyTask.class.getName())
                .contains("sleep"));
        assertThat(compute.get("breakdown").get("causes")).isNotEmpty();
        assertThat(compute.get("flame").get("root").get("n").asText()).isEqualTo("all samples in long polls");
        assertThat(pool(data, INGEST).get("queue").get("queued")).isNotEmpty();
    }

    @Test
    void aPoolOptionDrawsOnlyThatPool() throws Exception {
        JsonNode data = data(report("--pool", INGEST));
        assertThat(data.get("pools")).hasSize(1);
        assertThat(data.get("pools").get(0).get("name").asText()).isEqualTo(INGEST);
    }

    static JsonNode pool(JsonNode data, String name) {
        for (JsonNode p : data.get("pools")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no pool " + name);
    }
}
