package dev.taskflight.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.cli.ExitCodes;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfr-analyze stream} against a real child JVM under load, recording with the Taskflight agent. */
class StreamCommandTest {

    private static final Duration LIMIT = ChildJvm.LIMIT;
    static final Pattern POLLS = Pattern.compile(" polls=(\\d+) ");
    private static final Pattern WORKERS = Pattern.compile(" workers=(\\d+) ");
    /** A pool line's busy ratio, left out while unknown (until a worker's counters have been sampled twice). */
    static final Pattern BUSY = Pattern.compile(" busy=([0-9.]+) ");
    private static final long LONGER_POLL_MILLIS = 150;
    private static final Pattern LONG_POLLS = Pattern.compile(" longPolls=(\\d+) ");
    private static final Pattern LONGEST = Pattern.compile(" longestPollMs=([0-9.]+) ");

    @TempDir
    Path dir;

    @Test
    void streamsAJvmByPidWithALongPollWarningAndEndsWithCode7WhenTheJvmIsKilled() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, ChildJvm.RECORD)) {
            Streaming s = new Streaming("stream", "--pid", Long.toString(child.pid()), "--interval", "1s");
            // Until a worker's counters have been sampled twice, its busy ratio is unknown: left out.
            await().atMost(LIMIT).until(() -> s.exit.isDone() || (poolLines(s).stream()
                    .filter(l -> BUSY.matcher(l).find() && number(POLLS, l) > 0).count() >= 2
                    && s.lines("taskflight finding ").stream().anyMatch(StreamCommandTest::sleepingLongPoll)));
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            boolean kindKnown = false;
            for (String line : poolLines(s)) {
                // the workers seen in the interval: on a busy machine one or both can go unseen (no sample, no
                // park or long poll that ended in it), and a CPU hog showed workers=1 with 10 parks
                assertThat(number(WORKERS, line)).as(line).isBetween(0.0, 2.0);
                assertThat(line).doesNotContain("=-1 ");
                assertThat(number(POLLS, line)).isGreaterThanOrEqualTo(number(LONG_POLLS, line));
                // The stream began after the chunk's PoolInfo: the kind is unknown ("") until the pool's first
                // QueueSample (every second) has been read, and known in every interval after it.
                if (line.contains(" kind=\"\" ")) {
                    assertThat(kindKnown).as("the kind, once known, is not forgotten: %s", line).isFalse();
                } else {
                    assertThat(line).contains(" kind=ThreadPoolExecutor ");
                    kindKnown = true;
                }
                if (BUSY.matcher(line).find()) {
                    assertThat(number(BUSY, line)).isBetween(0.0, 1.0);
                }
            }
            String warning = s.lines("taskflight finding ").stream().filter(StreamCommandTest::sleepingLongPoll)
                    .findFirst().orElseThrow();
            assertThat(warning).contains(" pool=" + LiveWorkload.POOL + " ", " severity=critical ");
            assertThat(poolLines(s)).anyMatch(l -> number(LONGEST, l) >= LiveWorkload.LONG_POLL_MILLIS);

            child.process().destroyForcibly();
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
            assertThat(s.err.toString().lines()).singleElement().asString()
                    .contains("stream ended", "pid " + child.pid(), "exited");
        }
    }

    @Test
    void streamsARepositoryAsJsonLinesUntilTheDurationPasses() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, ChildJvm.RECORD,
                "-XX:FlightRecorderOptions:repository=" + dir.resolve("repository"))) {
            Path repository = await().atMost(LIMIT).until(() -> repository(dir.resolve("repository")), p -> p != null);
            Streaming s = new Streaming("stream", "--repository", repository.toString(), "--interval", "1s",
                    "--duration", "4s", "--format", "json");
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).as("stderr: %s", s.err).isEqualTo(ExitCodes.OK);
            ObjectMapper mapper = new ObjectMapper();
            List<JsonNode> pools = s.out.toString().lines().map(l -> read(mapper, l))
                    .filter(n -> n.path("record").asText().equals("interval")
                            && n.path("pool").asText().equals(LiveWorkload.POOL))
                    .collect(Collectors.toList());
            // an interval in which no worker ran or was sampled (a busy machine) shows workers=0, and the
            // stream's first interval can have seen one worker's events only (seen on JDK 25: workers=1,
            // before the pool's PoolInfo)
            assertThat(pools).filteredOn(n -> n.path("workers").asInt() > 0)
                    .allSatisfy(n -> {
                        assertThat(n.path("workers").asInt()).isBetween(1, 2);
                        assertThat(n.path("schedulingDelay").has("p99Nanos")).isTrue();
                    })
                    .filteredOn(n -> n.path("workers").asInt() == 2).hasSizeGreaterThanOrEqualTo(2);
            // Until a worker's counters have been sampled twice, its busy ratio is unknown: left out.
            assertThat(pools).filteredOn(n -> n.has("busyRatio")).isNotEmpty()
                    .allSatisfy(n -> assertThat(n.path("busyRatio").asDouble()).isBetween(0.0, 1.0))
                    .anyMatch(n -> n.path("polls").asLong() > 0);
        }
    }

    @Test
    void aJvmWithoutARecordingIsStreamedThroughItsLocalJmxAgentAndDumpsTheLongPoll() throws Exception {
        Path dumps = dir.resolve("dumps");
        try (ChildJvm child = ChildJvm.start(dir)) {
            Streaming s = new Streaming("stream", "--pid", Long.toString(child.pid()), "--interval", "1s",
                    "--dump-on", "critical", "--dump-dir", dumps.toString());
            await().atMost(LIMIT).until(() -> s.exit.isDone() || (poolLines(s).stream()
                    .anyMatch(l -> BUSY.matcher(l).find() && number(POLLS, l) > 0)
                    && !s.lines("taskflight dump ").isEmpty()));
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertThat(s.lines("taskflight dump ").get(0)).contains(" trigger=long-poll:critical ", dumps.toString());
            child.process().destroyForcibly();
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
            assertThat(s.err.toString().lines()).singleElement().asString()
                    .contains("stream ended", "JVM " + child.pid());
        }
    }

    @Test
    void aRepositoryStreamWithDumpOnDumpsTheLongPollThroughItsJvmsLocalJmxAgent() throws Exception {
        Path dumps = dir.resolve("dumps");
        try (ChildJvm child = ChildJvm.start(dir, ChildJvm.RECORD,
                "-XX:FlightRecorderOptions:repository=" + dir.resolve("repository"),
                "-D" + LiveWorkload.LONG_POLL_PROPERTY + "=" + LONGER_POLL_MILLIS)) {
            Path repository = await().atMost(LIMIT).until(() -> repository(dir.resolve("repository")), p -> p != null);
            // The JDK names a repository yyyy_MM_dd_HH_mm_ss_<pid>: the pid names the JVM to dump.
            assertThat(repository.getFileName().toString()).endsWith("_" + child.pid());
            Streaming s = new Streaming("stream", "--repository", repository.toString(), "--interval", "1s",
                    "--dump-on", "critical", "--dump-dir", dumps.toString());
            await().atMost(LIMIT).until(() -> s.exit.isDone() || !s.lines("taskflight dump ").isEmpty());
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertTheDumpHasALongPoll(s, dumps, LONGER_POLL_MILLIS);
            child.process().destroyForcibly();
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
        }
    }

    @Test
    void dumpOnForARepositoryWhoseJvmIsNotRunningIsCode8() throws Exception {
        for (String name : List.of("2026_11_21_06_49_41_999999999", "not-a-repository-name")) {
            Path repository = Files.createDirectories(dir.resolve(name));
            Streaming s = new Streaming("stream", "--repository", repository.toString(), "--dump-on", "critical");
            assertThat(s.exit.get()).isEqualTo(ExitCodes.NO_TARGET);
            assertThat(s.err.toString().lines()).singleElement().asString()
                    .contains("--dump-on needs the running JVM that owns " + repository);
        }
    }

    @Test
    void aPollThatNeverEndsIsReportedStillRunningNamingItsApplicationFrameAndAgainOnlyWhenItTurnsCritical()
            throws Exception {
        // No sleeping polls: the watchdog's stacks (at most 10 a second) are then all the stuck task's.
        try (ChildJvm child = ChildJvm.start(dir, ChildJvm.RECORD, "-D" + LiveWorkload.STUCK_PROPERTY + "=true",
                "-D" + LiveWorkload.LONG_POLL_PROPERTY + "=0")) {
            Streaming s = new Streaming("stream", "--pid", Long.toString(child.pid()), "--interval", "1s");
            await().atMost(LIMIT).until(() -> s.exit.isDone() || stuckLines(s).stream()
                    .anyMatch(l -> l.endsWith(" state=critical")));
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertThat(child.process().isAlive()).isTrue();
            String line = stuckLines(s).get(0);
            assertThat(line).startsWith("taskflight still-running end=")
                    .contains(" pool=" + LiveWorkload.POOL + " ", " thread=" + LiveWorkload.POOL + "-")
                    .matches(".* worker=[01] .*").matches(".* runningForMs=[0-9]+\\.[0-9]{3} .*");
            // the top application frame, not the JDK's Thread.sleep, once the watchdog took a stack; it takes at
            // most 10 a second for first reports, and on a loaded machine other polls preempted past the
            // threshold may take them all, so an early line may have none (topFrame=""), never another frame
            assertThat(stuckLines(s)).allSatisfy(l -> assertThat(l).satisfiesAnyOf(
                    x -> assertThat(x).contains(" topFrame=" + LiveWorkload.StuckTask.class.getName() + ".run "),
                    x -> assertThat(x).contains(" topFrame=\"\" ")));
            // The watchdog reports it again each time its running time doubles, and a report that went
            // without a stack is followed by one with it as soon as the watchdog can take it; the stream
            // writes a line when the poll is first reported (if below the critical threshold then), one when
            // it turns critical, and one more if those named no frame, once a report brings it: never a
            // line per report. A loaded machine can delay each of these by seconds, so wait for the frame.
            try {
                await().atMost(LIMIT).until(() -> s.exit.isDone() || stuckLines(s).stream()
                        .anyMatch(l -> l.contains(" topFrame=" + LiveWorkload.StuckTask.class.getName() + ".run ")));
            } catch (ConditionTimeoutException e) { // say what the stream wrote and what the watchdog reported
                throw new AssertionError(e.getMessage() + "; the stream's still-running lines:\n"
                        + String.join("\n", stuckLines(s)) + "\nits last lines:\n" + lastLines(s, 10)
                        + "\nstderr: " + s.err + "\nthe watchdog's reports of the stuck task:\n"
                        + String.join("\n", stuckReports(child)) + "\nthe child's output:\n" + child.output(), e);
            }
            int before = poolLines(s).size(); // and a few intervals more, with the reports they bring
            await().atMost(LIMIT).until(() -> s.exit.isDone() || poolLines(s).size() >= before + 3);
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertThat(stuckLines(s)).hasSizeBetween(1, 3).last().asString().endsWith(" state=critical");
            assertThat(stuckLines(s)).anySatisfy(l -> assertThat(l)
                    .contains(" topFrame=" + LiveWorkload.StuckTask.class.getName() + ".run "));
        }
    }

    @Test
    void anIdleWorkerWarningNamesThePoolWhoseWorkersParkBesideQueuedWork() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, ThrottledWorkload.class, ChildJvm.RECORD)) {
            Streaming s = new Streaming("stream", "--pid", Long.toString(child.pid()), "--interval", "1s");
            try {
                await().atMost(LIMIT).until(() -> s.exit.isDone() || s.lines("taskflight finding ").stream()
                        .anyMatch(l -> l.contains(" type=idle-worker ")));
            } catch (ConditionTimeoutException e) { // say what the stream did see
                throw new AssertionError(e.getMessage() + "; the stream's last lines:\n" + lastLines(s, 30)
                        + "\nstderr: " + s.err, e);
            }
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertThat(s.lines("taskflight finding ")).filteredOn(l -> l.contains(" type=idle-worker "))
                    .allSatisfy(l -> assertThat(l).contains(" pool=" + ThrottledWorkload.POOL + " ",
                            " reason=parked-with-queued-work ").matches(".* worker=[01] .*"));
        }
    }

    @Test
    void aJvmThatCannotBeAttachedToIsCode8() throws Exception {
        long self = ProcessHandle.current().pid(); // a JVM may not attach to itself
        Streaming s = new Streaming("stream", "--pid", Long.toString(self));
        await().atMost(LIMIT).until(s.exit::isDone);
        assertThat(s.exit.get()).isEqualTo(ExitCodes.NO_TARGET);
        assertThat(s.err.toString().lines()).singleElement().asString().contains("cannot attach to JVM " + self);
    }

    @Test
    void aMissingRepositoryIsCode3() throws Exception {
        Streaming s = new Streaming("stream", "--repository", dir.resolve("nothing-here").toString());
        assertThat(s.exit.get()).isEqualTo(ExitCodes.CANNOT_READ);
        assertThat(s.err.toString().lines()).singleElement().asString().contains("is not a directory");
    }

    @Test
    void aDurationThatPassesBeforeAnyEventSaysSoInOneLineWithCode7() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-repository"));
        Streaming s = new Streaming("stream", "--repository", empty.toString(), "--duration", "1s");
        assertThat(s.exit.get()).isEqualTo(ExitCodes.STREAM_ENDED);
        assertThat(s.err.toString().lines()).singleElement().asString()
                .contains("nothing to report: --duration 1.00 s passed before any Taskflight event arrived");
        assertThat(s.out.toString()).isEmpty();
    }

    @Test
    void helpDocumentsTheStreamExitCodes() throws Exception {
        Streaming s = new Streaming("stream", "--help");
        assertThat(s.exit.get()).isEqualTo(ExitCodes.OK);
        assertThat(s.out.toString()).contains("--pid", "--repository", "--interval",
                "  7   The monitored JVM exited", "  8   --pid/--jmx (or --repository with --dump-on): no such JVM",
                "--jmx").doesNotContain("  1   ", "  4   ", "  5   ", "  6   ");
    }

    /** The workload's sleeping task: a long poll explained by the JDK's {@code jdk.ThreadSleep}. */
    static boolean sleepingLongPoll(String line) {
        return line.contains(" type=long-poll ") && line.contains(" longestCause=sleep ");
    }

    /**
     * Checks the first dump line of a stream: triggered by a critical long poll of the workload's pool,
     * its file in {@code dumps} holds a {@code TaskPoll} of that pool at least {@code millis} long.
     */
    static void assertTheDumpHasALongPoll(Streaming s, Path dumps, long millis) throws IOException {
        String line = s.lines("taskflight dump ").get(0);
        assertThat(line).contains(" trigger=long-poll:critical ", " pool=" + LiveWorkload.POOL);
        Path file = Path.of(line.replaceAll(".* path=(\\S+) .*", "$1"));
        assertThat(file).isRegularFile().hasParent(dumps);
        assertThat(RecordingFile.readAllEvents(file)).anyMatch(e -> e.getEventType().getName()
                .equals("taskflight.TaskPoll") && LiveWorkload.POOL.equals(PoolField.read(e.getString("pool")))
                && e.getDuration().toMillis() >= millis);
    }

    /**
     * The {@code taskflight.PollInProgress} events of the workload's task that never ends, from a dump of
     * the child's recordings: each one's time, running time and top frame, for a failure's message.
     */
    private static List<String> stuckReports(ChildJvm child) throws Exception {
        Path file = child.dump();
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.POLL_IN_PROGRESS)
                        && LiveWorkload.StuckTask.class.getName().equals(e.getClass("taskClass") == null ? null
                                : e.getClass("taskClass").getName()))
                .map(e -> e.getEndTime() + " runningTime=" + e.getDuration("runningTime").toMillis() + "ms stack="
                        + e.getString("stack").lines().findFirst().orElse("<none>"))
                .collect(Collectors.toList());
    }

    /** The last {@code n} lines the stream wrote, for a failure's message. */
    private static String lastLines(Streaming s, int n) {
        List<String> seen = s.out.toString().lines().collect(Collectors.toList());
        return String.join("\n", seen.subList(Math.max(0, seen.size() - n), seen.size()));
    }

    /** The still-running lines of the workload's task that never ends. */
    private static List<String> stuckLines(Streaming s) {
        return s.lines("taskflight still-running ").stream()
                .filter(l -> l.contains(" taskClass=" + LiveWorkload.StuckTask.class.getName() + " "))
                .collect(Collectors.toList());
    }

    static List<String> poolLines(Streaming s) {
        return s.lines("taskflight interval ").stream().filter(l -> l.contains(" pool=" + LiveWorkload.POOL + " "))
                .collect(Collectors.toList());
    }

    static double number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        assertThat(m.find()).as("%s in %s", p, line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The repository directory the JDK made in {@code parent}, {@code null} if none yet. */
    static Path repository(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static JsonNode read(ObjectMapper mapper, String line) {
        try {
            return mapper.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
