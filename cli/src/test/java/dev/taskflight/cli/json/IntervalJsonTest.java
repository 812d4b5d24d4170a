package dev.taskflight.cli.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.StuckPoll;
import dev.taskflight.analysis.report.UnseenWork;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalJsonTest {

    @Test
    void aPollStillRunningIsARecordOfItsOwnWithNanoseconds() throws Exception {
        StuckPoll stuck = new StuckPoll("orders", 1, "orders-worker-1", "com.acme.Export",
                Instant.parse("2026-11-21T06:50:03Z"), Instant.parse("2026-11-21T06:50:08.120Z"), 5_120_000_000L,
                "java.lang.Thread.sleep");
        IntervalReport interval = new IntervalReport(Instant.parse("2026-11-21T06:50:00Z"),
                Instant.parse("2026-11-21T06:50:10Z"), List.of(), List.of(), 0, List.of(stuck));
        List<String> lines = IntervalJson.lines(interval);
        assertThat(lines).hasSize(1);
        JsonNode o = new ObjectMapper().readTree(lines.get(0));
        assertThat(o.path("record").asText()).isEqualTo("still-running");
        assertThat(o.path("end").asText()).isEqualTo("2026-11-21T06:50:10Z");
        assertThat(o.path("pool").asText()).isEqualTo("orders");
        assertThat(o.path("worker").asInt()).isEqualTo(1);
        assertThat(o.path("thread").asText()).isEqualTo("orders-worker-1");
        assertThat(o.path("runningForNanos").asLong()).isEqualTo(5_120_000_000L);
        assertThat(o.path("since").asText()).isEqualTo("2026-11-21T06:50:03Z");
        assertThat(o.path("taskClass").asText()).isEqualTo("com.acme.Export");
        assertThat(o.path("topFrame").asText()).isEqualTo("java.lang.Thread.sleep");
        assertThat(o.path("state").asText()).isEqualTo("running");
    }

    @Test
    void unseenWorkIsARecordOfItsOwnWithTheFieldsOfTheFileReport() throws Exception {
        UnseenWork unseen = new UnseenWork(2, 14, List.of(new UnseenWork.UnseenThread("kafka-consumer-1", 12,
                "com.acme.Ingest.poll"), new UnseenWork.UnseenThread("main", 2, "com.acme.Main.run")), 120);
        IntervalReport interval = new IntervalReport(Instant.parse("2026-11-21T06:50:00Z"),
                Instant.parse("2026-11-21T06:50:10Z"), List.of(), List.of(), 0, List.of(), unseen);
        List<String> lines = IntervalJson.lines(interval);
        assertThat(lines).hasSize(1);
        JsonNode o = new ObjectMapper().readTree(lines.get(0));
        assertThat(o.path("record").asText()).isEqualTo("unseen");
        assertThat(o.path("end").asText()).isEqualTo("2026-11-21T06:50:10Z");
        assertThat(o.path("checked").asBoolean()).isTrue();
        assertThat(o.path("threads").asInt()).isEqualTo(2);
        assertThat(o.path("cpuSamples").asLong()).isEqualTo(14);
        assertThat(o.path("top")).hasSize(2);
        assertThat(o.path("top").get(0).path("thread").asText()).isEqualTo("kafka-consumer-1");
        assertThat(o.path("top").get(0).path("cpuSamples").asLong()).isEqualTo(12);
        assertThat(o.path("top").get(0).path("site").asText()).isEqualTo("com.acme.Ingest.poll");
        assertThat(new ObjectMapper().readTree(JsonReport.unseen(unseen).toString()).fieldNames())
                .toIterable().allMatch(f -> o.has(f));
    }

    @Test
    void anIntervalWithNothingUnseenHasNoUnseenRecord() {
        IntervalReport interval = new IntervalReport(Instant.parse("2026-11-21T06:50:00Z"),
                Instant.parse("2026-11-21T06:50:10Z"), List.of(), List.of(), 0, List.of(),
                new UnseenWork(0, 0, List.of(), 120));
        assertThat(IntervalJson.lines(interval)).isEmpty();
    }
}
