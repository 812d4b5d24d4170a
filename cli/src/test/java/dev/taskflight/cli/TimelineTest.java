package dev.taskflight.cli;

import static dev.taskflight.analysis.fixtures.ProblemWorkload.COMPUTE;
import static dev.taskflight.analysis.fixtures.ProblemWorkload.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code jfr-analyze timeline} on the recording with a known schedule: lanes, long polls, nesting, options. */
class TimelineTest {

    private static final long MS = 1_000_000L;

    private static Path timeline(String... options) {
        Path out = Recordings.newDirectory().resolve("timeline.json");
        List<String> args = new java.util.ArrayList<>(List.of("timeline", Recordings.problems().toString(), "-o",
                out.toString()));
        args.addAll(List.of(options));
        Run run = Run.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Wrote " + out, "ui.perfetto.dev");
        return out;
    }

    private static List<JsonNode> polls(TraceJson trace, String task) {
        return trace.events("X").stream().filter(e -> e.path("args").path("task").asText().equals(task))
                .collect(Collectors.toList());
    }

    @Test
    void isAWellFormedTraceWithAProcessPerPoolAndANamedLanePerWorker() throws Exception {
        TraceJson trace = TraceJson.read(timeline());
        trace.assertWellFormed();
        int compute = trace.pid("pool " + COMPUTE);
        int ingest = trace.pid("pool " + INGEST);
        assertThat(compute).isPositive();
        assertThat(ingest).isPositive().isNotEqualTo(compute);
        for (int w = 0; w < 4; w++) {
            assertThat(trace.laneName(compute, w + 1)).isEqualTo("worker " + w + " (" + COMPUTE + "-worker-" + w + ")");
        }
        assertThat(trace.events("C")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("queue depth");
            assertThat(c.get("pid").asInt()).isEqualTo(ingest);
        });
        assertThat(trace.root().get("otherData").get("producer").asText()).contains("Taskflight");
    }

    @Test
    void eachLongPollAppearsOnceOnItsWorkersLaneWithItsDurationAndExplanation() throws Exception {
        TraceJson trace = TraceJson.read(timeline());
        int compute = trace.pid("pool " + COMPUTE);
        Object[][] expected = {
            // whether the sampler caught the spinning thread depends on the machine's load: any explanation will do
            {ProblemWorkload.SpinTask.class, ProblemWorkload.SPIN_WORKER, ProblemWorkload.SPIN_MILLIS, ""},
            {ProblemWorkload.LockedTask.class, ProblemWorkload.LOCK_WORKER, ProblemWorkload.LOCK_MILLIS, "monitor"},
            {ProblemWorkload.SleepyTask.class, ProblemWorkload.SLEEP_WORKER, ProblemWorkload.SLEEP_MILLIS, "sleep"},
        };
        for (Object[] e : expected) {
            List<JsonNode> found = polls(trace, ((Class<?>) e[0]).getName());
            assertThat(found).as("%s", e[0]).hasSize(1);
            JsonNode poll = found.get(0);
            assertThat(poll.get("pid").asInt()).isEqualTo(compute);
            assertThat(poll.get("tid").asInt()).isEqualTo((int) e[1] + 1);
            assertThat(poll.get("cat").asText()).isEqualTo("long poll");
            assertThat(poll.get("name").asText()).isEqualTo("ProblemWorkload$" + ((Class<?>) e[0]).getSimpleName());
            assertThat(TraceJson.nanos(poll.get("dur"))).isGreaterThanOrEqualTo((long) e[2] * MS)
                    .isEqualTo(poll.get("args").get("durationNanos").asLong());
            assertThat(poll.get("args").get("severity").asText()).isEqualTo("critical");
            assertThat(poll.get("args").get("explanation").asText()).isNotBlank().contains((String) e[3]);
        }
    }

    @Test
    void theJdksEventsNestInsideThePollTheyFallIn() throws Exception {
        TraceJson trace = TraceJson.read(timeline());
        JsonNode sleepy = polls(trace, ProblemWorkload.SleepyTask.class.getName()).get(0);
        JsonNode locked = polls(trace, ProblemWorkload.LockedTask.class.getName()).get(0);
        assertThat(within(trace, sleepy, "sleep")).isTrue();
        assertThat(within(trace, locked, "monitor enter " + ProblemWorkload.ContendedGuard.class.getName())).isTrue();
    }

    private static boolean within(TraceJson trace, JsonNode poll, String name) {
        long start = TraceJson.nanos(poll.get("ts"));
        long end = start + TraceJson.nanos(poll.get("dur"));
        return trace.events("X").stream().anyMatch(e -> e.get("cat").asText().equals("jdk")
                && e.get("name").asText().equals(name) && e.get("tid").equals(poll.get("tid"))
                && e.get("pid").equals(poll.get("pid")) && TraceJson.nanos(e.get("ts")) >= start
                && TraceJson.nanos(e.get("ts")) + TraceJson.nanos(e.get("dur")) <= end);
    }

    @Test
    void minPollHidesShortPollsButKeepsLongOnesAndSaysSoOnEachLane() throws Exception {
        TraceJson trace = TraceJson.read(timeline("--min-poll", "10ms"));
        trace.assertWellFormed();
        assertThat(polls(trace, ProblemWorkload.ShortTask.class.getName())).isEmpty();
        assertThat(polls(trace, ProblemWorkload.SpinTask.class.getName())).hasSize(1);
        int compute = trace.pid("pool " + COMPUTE);
        assertThat(trace.laneName(compute, 1)).endsWith("[50 short polls/parks hidden]");
        assertThat(trace.root().get("otherData").get("hidden")).anySatisfy(h -> {
            assertThat(h.get("pool").asText()).isEqualTo(COMPUTE);
            assertThat(h.get("shortPollsAndParks").asLong()).isEqualTo(50);
        });
    }

    @Test
    void poolAndWindowOptionsDrawOnlyThatPart() throws Exception {
        TraceJson ingestOnly = TraceJson.read(timeline("--pool", INGEST));
        assertThat(ingestOnly.pid("pool " + COMPUTE)).isEqualTo(-1);
        assertThat(ingestOnly.pid("pool " + INGEST)).isPositive();
        assertThat(ingestOnly.events("X")).noneMatch(e -> e.path("args").path("task").asText()
                .startsWith(ProblemWorkload.class.getName()));

        TraceJson empty = TraceJson.read(timeline("--from", "0s", "--to", "1ns"));
        assertThat(empty.events("X")).allSatisfy(e -> assertThat(TraceJson.nanos(e.get("ts"))).isLessThanOrEqualTo(1));
    }

    @Test
    void tooLargeATimelineIsRefusedInOneLineAndTheOldFileIsKept() throws Exception {
        Path out = Recordings.newDirectory().resolve("big.json");
        Files.writeString(out, "old");
        Run run = Run.of("timeline", Recordings.problems().toString(), "-o", out.toString(), "--max-size", "1kB");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TOO_LARGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("over --max-size 1 kB", "--from 0s --to ");
        assertThat(Files.readString(out)).isEqualTo("old");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void withMinPollTheSizeIsJudgedOnWhatIsWrittenNotOnEveryPoll() throws Exception {
        Path dir = Recordings.newDirectory();
        Path free = dir.resolve("free.json");
        Run unbounded = Run.of("timeline", Recordings.problems().toString(), "-o", free.toString(), "--min-poll", "10ms");
        assertThat(unbounded.exitCode()).isEqualTo(0);
        long size = Files.size(free);
        String limit = Math.max(1, size * 11 / 10 / 1024 + 1) + "kB";

        // the estimate from every poll and park refuses this limit without --min-poll...
        Path out = dir.resolve("t.json");
        Run all = Run.of("timeline", Recordings.problems().toString(), "-o", out.toString(), "--max-size", limit);
        assertThat(all.exitCode()).as(all.err()).isEqualTo(ExitCodes.TOO_LARGE);

        // ...and --min-poll writes the same timeline under it
        Run hidden = Run.of("timeline", Recordings.problems().toString(), "-o", out.toString(), "--max-size", limit,
                "--min-poll", "10ms");
        assertThat(hidden.exitCode()).as(hidden.err()).isEqualTo(0);
        assertThat(TraceJson.read(out).events("X")).hasSameSizeAs(TraceJson.read(free).events("X"));

        // past the limit while writing: one line, and the old file is kept
        Files.writeString(out, "old");
        Run over = Run.of("timeline", Recordings.problems().toString(), "-o", out.toString(), "--max-size",
                Math.max(1, size / 3 / 1024) + "kB", "--min-poll", "10ms");
        assertThat(over.exitCode()).isEqualTo(ExitCodes.TOO_LARGE);
        assertThat(over.err().lines()).hasSize(1);
        assertThat(over.err()).contains("passed --max-size");
        assertThat(Files.readString(out)).isEqualTo("old");
    }
}
