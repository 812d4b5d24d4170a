package dev.taskflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A timeline file read back, checked against the trace-event format's rules. */
record TraceJson(JsonNode root) {

    static TraceJson read(Path file) throws IOException {
        return new TraceJson(new ObjectMapper().readTree(file.toFile()));
    }

    List<JsonNode> events(String phase) {
        List<JsonNode> out = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals(phase)) {
                out.add(e);
            }
        });
        return out;
    }

    /** Returns the pid of the process named {@code name}, or -1. */
    int pid(String name) {
        return events("M").stream().filter(e -> e.get("name").asText().equals("process_name")
                && e.get("args").get("name").asText().equals(name)).mapToInt(e -> e.get("pid").asInt()).findFirst()
                .orElse(-1);
    }

    /** Returns the name of a lane. */
    String laneName(int pid, int tid) {
        return events("M").stream().filter(e -> e.get("name").asText().equals("thread_name")
                && e.get("pid").asInt() == pid && e.get("tid").asInt() == tid)
                .map(e -> e.get("args").get("name").asText()).findFirst().orElse(null);
    }

    static long nanos(JsonNode micros) {
        return new BigDecimal(micros.asText()).movePointRight(3).longValueExact();
    }

    /** Asserts every X slice has its fields and that slices nest properly on each lane. */
    void assertWellFormed() {
        Map<String, List<long[]>> lanes = new HashMap<>();
        for (JsonNode e : events("X")) {
            for (String field : List.of("ts", "dur", "pid", "tid", "name")) {
                assertThat(e.has(field)).as("%s has %s", e, field).isTrue();
            }
            assertThat(e.get("dur").asDouble()).as("dur of %s", e).isGreaterThanOrEqualTo(0);
            long start = nanos(e.get("ts"));
            lanes.computeIfAbsent(e.get("pid").asInt() + "/" + e.get("tid").asInt(), k -> new ArrayList<>())
                    .add(new long[] {start, start + nanos(e.get("dur"))});
        }
        for (Map.Entry<String, List<long[]>> lane : lanes.entrySet()) {
            List<long[]> slices = lane.getValue();
            slices.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparing(s -> -s[1]));
            Deque<Long> open = new ArrayDeque<>();
            for (long[] s : slices) {
                while (!open.isEmpty() && open.peek() <= s[0]) {
                    open.pop();
                }
                assertThat(open.isEmpty() || s[1] <= open.peek())
                        .as("slice [%d, %d] on lane %s ends inside its parent", s[0], s[1], lane.getKey()).isTrue();
                open.push(s[1]);
            }
        }
    }
}
