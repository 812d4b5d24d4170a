package dev.taskflight.cli;

import static dev.taskflight.analysis.fixtures.ProblemWorkload.COMPUTE;
import static dev.taskflight.analysis.fixtures.ProblemWorkload.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.OutsiderWorkload;
import dev.taskflight.analysis.fixtures.ProblemWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.cli.text.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each subcommand, in text and JSON, on the recordings with known problems, a clean one and a JDK-only one.
 * The problem recording is made while the tests run, so durations in it grow with the machine's load:
 * the severities asserted here come from thresholds far from what load can do to them ({@link #STABLE}).
 */
class SubcommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUARD = ProblemWorkload.ContendedGuard.class.getName();
    /**
     * Thresholds that make the problem workload's severities independent of load: its long polls take
     * 150 ms or more and its short ones microseconds (100 ms is far from both), and its idle park at
     * least 40 ms but more on a busy machine (it stays a warning below 10 minutes).
     */
    private static final List<String> STABLE = List.of("--long-poll=100ms", "--long-poll-critical=100ms",
            "--idle-park-critical=10m");

    private static String problems() {
        return Recordings.problems().toString();
    }

    /** Runs jfr-analyze with the {@link #STABLE} thresholds. */
    private static Run stable(String... args) {
        List<String> all = new ArrayList<>(STABLE);
        all.addAll(List.of(args));
        return Run.of(all.toArray(new String[0]));
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        Run run = stable(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        return root;
    }

    @Test
    void theSummaryIsTheDefaultAndGivesAVerdictPerPool() {
        Run run = stable(problems());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(stable("summary", problems()).out());
        assertThat(run.out()).contains("pool compute (ForkJoinPool, parallelism 4, agent): CRITICAL",
                "pool ingest (ThreadPoolExecutor, parallelism 4, library): CRITICAL",
                "CRITICAL long-poll: 3 polls took 100 ms or more (3 of 100 ms or more); longest",
                "CRITICAL queue-backlog: queue reached 1500 tasks",
                "CRITICAL imbalance: polls per worker differ 50.0x: worker 0 ran 5000, worker 3 ran 100",
                "WARNING  idle-worker: worker 3 parked once for 1.00 ms or more while work was queued",
                "WARNING  scheduling-delay: p99 scheduling delay 8",
                "Verdict: CRITICAL, 3 critical, 2 warnings, 0 info.");
    }

    @Test
    void theSummaryInJsonHasEveryFindingWithItsPoolAndWorker() throws Exception {
        JsonNode root = json(problems());
        assertThat(root.get("command").asText()).isEqualTo("summary");
        assertThat(root.get("verdict").asText()).isEqualTo("critical");
        List<String> findings = new ArrayList<>();
        root.get("findings").forEach(f -> findings.add(f.get("type").asText() + "/" + f.get("severity").asText() + "/"
                + f.get("pool").asText() + "/" + f.get("worker").asText()));
        assertThat(findings).containsExactlyInAnyOrder("long-poll/critical/compute/null",
                "queue-backlog/critical/ingest/null", "imbalance/critical/compute/null",
                "idle-worker/warning/compute/3", "scheduling-delay/warning/compute/null");
        JsonNode compute = root.get("pools").get(0);
        assertThat(compute.get("pool").asText()).isEqualTo(COMPUTE);
        assertThat(compute.get("verdict").asText()).isEqualTo("critical");
        assertThat(compute.get("totals").get("polls").asLong()).isEqualTo(9400);
    }

    @Test
    void longPollsNameTheSpinningMethodTheMonitorClassAndTheSleep() throws Exception {
        boolean spinSampled = Evidence.spinSampled(Recordings.problems());
        Run run = stable("long-polls", problems());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Long polls: 3 at or above the warning threshold; the 3 longest:",
                "compute worker 0 (compute-worker-0), task " + ProblemWorkload.SpinTask.class.getName(),
                "compute worker 1 (compute-worker-1)", "blocked on monitor " + GUARD,
                "compute worker 2 (compute-worker-2)", "sleeping in Thread.sleep");
        if (spinSampled) { // a busy machine may starve the JDK's sampler: a cause is named only from evidence
            assertThat(run.out()).contains("on CPU in ", ProblemWorkload.SPIN_METHOD);
        }

        JsonNode polls = json("long-polls", problems()).get("longPolls");
        assertThat(polls).hasSize(3);
        for (JsonNode p : polls) {
            assertThat(p.get("pool").asText()).isEqualTo(COMPUTE);
            assertThat(p.get("severity").asText()).isEqualTo("critical");
            JsonNode main = p.get("explanation").get("causes").path(0);
            switch (p.get("worker").asInt()) {
                case ProblemWorkload.SPIN_WORKER:
                    assertThat(p.get("durationNanos").asLong()).isGreaterThanOrEqualTo(300_000_000L);
                    if (spinSampled) {
                        assertThat(main.get("kind").asText()).isEqualTo("cpu");
                        assertThat(p.get("explanation").get("topFrames").toString())
                                .contains(ProblemWorkload.SPIN_METHOD);
                    }
                    break;
                case ProblemWorkload.LOCK_WORKER:
                    assertThat(main.get("kind").asText()).isEqualTo("monitor-enter");
                    assertThat(main.get("subject").asText()).isEqualTo(GUARD);
                    break;
                default:
                    assertThat(p.get("worker").asInt()).isEqualTo(ProblemWorkload.SLEEP_WORKER);
                    assertThat(p.get("durationNanos").asLong()).isGreaterThanOrEqualTo(150_000_000L);
                    assertThat(main.get("kind").asText()).isEqualTo("sleep");
                    break;
            }
        }
    }

    @Test
    void idleWorkersSayWhatWasQueuedAndForHowLong() throws Exception {
        JsonNode episode = json("idle-workers", problems()).get("idleEpisodes").get(0);
        Run run = stable("idle-workers", problems());
        assertThat(run.out()).contains("compute worker 3 (compute-worker-3)", "woke to 5 queued tasks",
                "queue samples showed work waiting for", "WARNING  idle-worker: worker 3");
        assertThat(episode.get("pool").asText()).isEqualTo(COMPUTE);
        assertThat(episode.get("worker").asInt()).isEqualTo(3);
        assertThat(episode.get("queuedTasks").asLong()).isEqualTo(5);
        assertThat(episode.get("durationNanos").asLong()).isGreaterThanOrEqualTo(40_000_000L);
        assertThat(episode.get("queuedForNanos").asLong()).isPositive();
    }

    @Test
    void workersShowTheCountersAndTheImbalance() throws Exception {
        Run run = stable("workers", problems());
        assertThat(run.out()).contains("compute-worker-0", "5000", "95%", "counters",
                "CRITICAL imbalance: polls per worker differ 50.0x");
        JsonNode compute = json("workers", problems()).get("pools").get(0);
        assertThat(compute.get("workers")).hasSize(4);
        assertThat(compute.get("workers").get(3).get("polls").asLong()).isEqualTo(100);
        assertThat(compute.get("workers").get(3).get("idleWithWork").asLong()).isEqualTo(1);
    }

    @Test
    void queuesShowTheBacklog() throws Exception {
        Run run = stable("queues", problems());
        assertThat(run.out()).contains("pool ingest (ThreadPoolExecutor, parallelism 4, library)",
                "queued work: max 1500", "CRITICAL queue-backlog");
        JsonNode queues = json("queues", problems()).get("queues");
        JsonNode ingest = queues.get(0).get("pool").asText().equals(INGEST) ? queues.get(0) : queues.get(1);
        assertThat(ingest.get("maxQueued").asLong()).isEqualTo(1500);
        assertThat(ingest.get("samplesOverWarning").asLong()).isPositive();
    }

    @Test
    void delaysShowThePercentiles() throws Exception {
        Run run = stable("delays", problems());
        assertThat(run.out()).contains("pool compute", "p99 8", "WARNING  scheduling-delay");
        JsonNode compute = json("delays", problems()).get("delays").get(0);
        assertThat(compute.get("delay").get("count").asLong()).isEqualTo(200);
        assertThat(compute.get("delay").get("p99Nanos").asLong()).isBetween(7_900_000L, 8_100_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "long-polls", "idle-workers", "workers", "queues", "delays"})
    void aCleanWorkloadGetsNoFindingsFromAnyCommand(String command) throws Exception {
        Run run = Run.of(command, "--fail-on=info", Recordings.clean().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        JsonNode root = json(command, Recordings.clean().toString());
        assertThat(root.get("findings")).isEmpty();
        assertThat(root.get("verdict").asText()).isEqualTo("ok");
        // "OK" only if Taskflight saw all the work: this short recording may have no CPU samples to tell
        JsonNode unseen = root.get("unseen");
        String verdict = !unseen.get("checked").asBoolean() ? AnalyzeCommand.VERDICT_UNCHECKED
                : unseen.get("threads").asInt() > 0 ? AnalyzeCommand.VERDICT_UNSEEN : "Verdict: OK, no findings.";
        assertThat(run.out()).contains(verdict).doesNotContain("WARNING", "CRITICAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "long-polls", "delays"})
    void workOnAThreadOfNoPoolIsNamedUnderTheVerdictTheSameInTextJsonAndTheReport(String command) throws Exception {
        Path file = Recordings.outsider();
        Run run = Run.of(command, file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode unseen = json(command, file.toString()).get("unseen");
        int sampled = Evidence.cpuSampleTimes(file, OutsiderWorkload.OUTSIDER, OutsiderWorkload.SPIN_METHOD).size();
        if (sampled > 0) {
            assertThat(unseen.get("top").findValuesAsText("thread")).contains(OutsiderWorkload.OUTSIDER);
        }
        String out = run.out();
        if (unseen.get("cpuSamples").asLong() > 0) {
            assertThat(out).contains(AnalyzeCommand.VERDICT_UNSEEN, "Not seen: " + unseen.get("threads").asInt() + " thread",
                    "(" + unseen.get("cpuSamples").asLong() + " CPU sample");
            for (JsonNode t : unseen.get("top")) {
                assertThat(out).contains("  " + t.get("thread").asText() + ": " + t.get("cpuSamples").asLong()
                        + " sample");
            }
            assertThat(out.indexOf("Not seen: ")).isGreaterThan(out.indexOf("Verdict: "));
            assertThat(out).as("no all-clear over part of the work").doesNotContain("Verdict: OK");
        } else {
            assertThat(unseen.get("checked").asBoolean()).as("the recording has CPU samples").isTrue();
            assertThat(out).contains("Verdict: OK, no findings.").doesNotContain("Not seen", "Not checked");
        }
        if (command.equals("summary")) {
            Path html = Recordings.newDirectory().resolve("report.html");
            assertThat(Run.of("report", file.toString(), "-o", html.toString()).exitCode()).isEqualTo(ExitCodes.OK);
            List<String> lines = new ArrayList<>();
            JsonNode data = ReportTest.data(html);
            data.get("unseen").forEach(l -> lines.add(l.asText()));
            assertThat(lines).allSatisfy(l -> assertThat(out).contains(l));
            assertThat(data.get("verdict").asText()).as("the report's badge")
                    .isEqualTo(lines.isEmpty() ? "ok" : "incomplete");
            assertThat(lines.isEmpty()).isEqualTo(unseen.get("cpuSamples").asLong() == 0 && unseen.get("checked").asBoolean());
        }
    }

    @Test
    void withoutCpuSamplesAnAllClearSaysWorkOutsideThePoolsWasNotCheckedInTextJsonAndTheReport() throws Exception {
        Path file = Recordings.noCpuSamples();
        Run run = Run.of("summary", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode root = json("summary", file.toString());
        assertThat(root.get("unseen").get("checked").asBoolean()).isFalse();
        assertThat(run.out()).contains(Text.NOT_CHECKED).doesNotContain("Verdict: OK");
        if (root.get("findings").isEmpty()) {
            assertThat(run.out()).contains(AnalyzeCommand.VERDICT_UNCHECKED);
        }
        Path html = Recordings.newDirectory().resolve("report.html");
        assertThat(Run.of("report", file.toString(), "-o", html.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = new ArrayList<>();
        JsonNode data = ReportTest.data(html);
        data.get("unseen").forEach(l -> lines.add(l.asText()));
        assertThat(lines).containsExactly(Text.NOT_CHECKED);
        if (root.get("findings").isEmpty()) {
            assertThat(data.get("verdict").asText()).as("the report's badge").isEqualTo("incomplete");
        }
    }

    @Test
    void aRecordingWithoutTaskflightEventsShowsTheJdkViewAndNamesWhatNeedsTheAgent() throws Exception {
        Run run = Run.of(Recordings.jdkOnly().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("JDK pool threads (from the JDK's own events):", "ForkJoinPool-",
                "parks for", "CPU samples", "note: This recording has no Taskflight events",
                "need the Taskflight java agent");
        // Taskflight saw no pool: never an all-clear, whatever the JDK's samples of application code show
        assertThat(run.out()).contains(AnalyzeCommand.VERDICT_NO_TASKFLIGHT).doesNotContain("Verdict: OK");
        JsonNode root = json(Recordings.jdkOnly().toString());
        assertThat(root.get("threadGroups").toString()).contains("ForkJoinPool-");
        assertThat(root.get("notes").get(0).asText()).contains("no Taskflight events");
        Path html = Recordings.newDirectory().resolve("jdk-only.html");
        assertThat(Run.of("report", Recordings.jdkOnly().toString(), "-o", html.toString()).exitCode())
                .isEqualTo(ExitCodes.OK);
        JsonNode data = ReportTest.data(html);
        if (root.get("findings").isEmpty()) {
            assertThat(data.get("verdict").asText()).as("the report's badge").isEqualTo("incomplete");
        }
    }

    @Test
    void failOnGatesOnTheFindingsTheCommandReports() {
        assertThat(stable("--fail-on=critical", problems()).exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(stable("delays", "--fail-on=warning", problems()).exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(stable("delays", "--fail-on=critical", problems()).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(stable("--fail-on", "warning", "idle-workers", problems()).exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void thresholdsAreOptions() {
        Run run = Run.of("--long-poll=10m", "--long-poll-critical=20m", "--backlog=5000", "--backlog-critical=5000",
                "--fail-on=critical", "long-polls", problems());
        assertThat(run.out()).contains("Long polls: 0 at or above the warning threshold");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void optionsMayComeBeforeOrAfterTheCommand() {
        assertThat(stable("--format=json", "queues", problems()).out())
                .isEqualTo(stable("queues", "--format=json", problems()).out()).contains("\"command\" : \"queues\"");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run run = Run.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:", "  0   Analyzed", "  1   Analyzed; a finding at or above",
                "  2   Wrong options", "  3   No such file", "  4   An empty file", "  5   A JFR recording of a format",
                "  6   A JFR recording damaged", " 70   Internal error", "long-polls", "idle-workers");
        assertThat(run.out()).startsWith("Usage: jfr-analyze [COMMAND] [OPTIONS] FILE");
        assertThat(Run.of("long-polls", "--help").out()).contains("Exit codes:", "--fail-on")
                .doesNotContain("  7   ", "  8   ");
    }

    @Test
    void versionNamesTheToolAndTheJdk() {
        Run run = Run.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("jfr-analyze ").contains("JDK " + System.getProperty("java.version"));
    }

    @Test
    void progressGoesToStderrWhenAsked() {
        Run run = Run.of("--progress", Recordings.clean().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("reading clean.jfr, pass 1 of 2", "pass 2 of 2: 100%");
        assertThat(run.out()).doesNotContain("reading clean.jfr");
    }
}
