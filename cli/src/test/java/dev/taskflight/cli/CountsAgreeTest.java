package dev.taskflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every count shown in two places agrees, on every recording of the sample corpus: the summary, the
 * JSON of each command, {@code workers}, {@code delays}, {@code long-polls} and {@code queues}.
 */
class CountsAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of("..", "sample-recordings", "recordings");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".jfr")).sorted().collect(Collectors.toList());
            assertThat(list).as("the corpus in %s", CORPUS.toAbsolutePath()).isNotEmpty();
            return list;
        }
    }

    private static JsonNode json(String command, Path file) throws IOException {
        Run run = Run.of(command, "--format=json", "--top=100000", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return JSON.readTree(run.out());
    }

    private static Map<String, JsonNode> byPool(JsonNode array) {
        Map<String, JsonNode> map = new HashMap<>();
        array.forEach(n -> map.put(n.get("pool").asText(), n));
        return map;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCountShownTwiceAgrees(Path file) throws IOException {
        Map<String, JsonNode> summary = byPool(json("summary", file).get("pools"));
        Map<String, JsonNode> workers = byPool(json("workers", file).get("pools"));
        Map<String, JsonNode> delays = byPool(json("delays", file).get("delays"));
        JsonNode longPolls = json("long-polls", file);
        Map<String, JsonNode> queues = byPool(json("queues", file).get("queues"));
        String summaryText = Run.of("summary", file.toString()).out();
        String delaysText = Run.of("delays", file.toString()).out();
        String workersText = Run.of("workers", file.toString()).out();
        String queuesText = Run.of("queues", file.toString()).out();

        assertThat(workers.keySet()).isEqualTo(summary.keySet());
        long totalLongPolls = 0;
        for (Map.Entry<String, JsonNode> e : summary.entrySet()) {
            String pool = e.getKey();
            JsonNode s = e.getValue();
            JsonNode w = workers.get(pool);
            JsonNode totals = s.get("totals");
            for (String count : List.of("polls", "parks", "steals", "pollEvents")) {
                assertThat(w.get("totals").get(count).asLong()).as("%s: %s in summary and workers", pool, count)
                        .isEqualTo(totals.get(count).asLong());
                assertThat(sum(w.get("workers"), count)).as("%s: %s of the workers add up", pool, count)
                        .isEqualTo(totals.get(count).asLong());
            }
            for (String count : List.of("pollEvents", "longPolls", "criticalLongPolls")) {
                assertThat(w.get(count).asLong()).as("%s: %s in summary and workers", pool, count)
                        .isEqualTo(s.get(count).asLong());
            }
            long delayCount = s.get("delay").get("count").asLong();
            assertThat(delays.get(pool).get("delay").get("count").asLong()).as("%s: delays count", pool)
                    .isEqualTo(delayCount);
            assertThat(w.get("delay").get("count").asLong()).isEqualTo(delayCount);
            long workerDelays = 0;
            for (JsonNode x : delays.get(pool).get("workers")) {
                workerDelays += x.get("delay").get("count").asLong();
            }
            assertThat(workerDelays).as("%s: the workers' delay counts add up", pool).isEqualTo(delayCount);
            if (delayCount > 0) {
                assertThat(delaysText).contains("pool " + pool + " (").contains("(" + delayCount
                        + (delayCount == 1 ? " task" : " tasks") + " measured)");
            }
            assertThat(s.get("longPolls").asLong()).as("%s: long polls are poll events", pool)
                    .isLessThanOrEqualTo(s.get("pollEvents").asLong());
            if (totals.get("source").asText().equals("counters")) {
                assertThat(totals.get("polls").asLong()).as("%s: polls from counters, at least the long polls", pool)
                        .isGreaterThanOrEqualTo(s.get("longPolls").asLong());
            }
            assertThat(summaryText).contains("pool " + pool + " (");
            totalLongPolls += s.get("longPolls").asLong();
            JsonNode q = queues.get(pool);
            if (q != null && !q.get("steals").isNull() && q.get("steals").asLong() != totals.get("steals").asLong()
                    && totals.get("source").asText().equals("counters")) {
                String why = "steals: " + totals.get("steals").asLong() + " by the workers' counters";
                assertThat(queuesText).as("%s: queues says why the steal counts differ", pool).contains(why);
                assertThat(workersText).as("%s: workers says why the steal counts differ", pool).contains(why);
            }
        }
        assertThat(longPolls.get("totalLongPolls").asLong()).isEqualTo(totalLongPolls);
        assertThat(longPolls.get("longPolls").size()).isEqualTo((int) Math.min(totalLongPolls, 100_000));
    }

    private static long sum(JsonNode workers, String field) {
        long n = 0;
        for (JsonNode w : workers) {
            n += w.get(field).asLong();
        }
        return n;
    }
}
