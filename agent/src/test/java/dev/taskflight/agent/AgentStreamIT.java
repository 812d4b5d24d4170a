package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.events.EventNames;
import dev.taskflight.agent.child.StreamWorkload;
import dev.taskflight.events.PoolField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent option {@code stream=log} in a child JVM whose class path holds only the workload: the
 * pool's interval lines and the long poll's warning reach the application's log (JUL's default
 * console handler, on stderr), the summed interval polls agree exactly with the offline analysis of
 * a {@code -XX:StartFlightRecording} file of the same run, a critical long poll is dumped to a
 * {@code .jfr} file, and the JVM exits normally with the stream running.
 */
class AgentStreamIT {

    private static final String POOL = StreamWorkload.POOL;
    private static final Pattern INTERVAL = Pattern.compile("taskflight interval start=\\S+ end=(\\S+) pool=" + POOL
            + " kind=ThreadPoolExecutor workers=2 polls=(\\d+) .* longPolls=(\\d+) .* findings=(\\S+)");
    private static final Pattern LONG_POLL = Pattern.compile("WARNING: taskflight finding end=(\\S+) pool=" + POOL
            + " type=long-poll severity=critical count=\\d+ criticalCount=\\d+ .* longestMs=(\\d+\\.\\d+) .* longestCause=sleep ");
    private static final Pattern DUMP = Pattern.compile("taskflight dump end=\\S+ path=(\\S+) trigger=\\S+");
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static Path offline;
    static Path dumps;
    static int exitCode;
    static String stdout;
    static String stderr;

    @BeforeAll
    static void streamTheWorkloadThenLetItExit() throws Exception {
        offline = dir.resolve("offline.jfr");
        dumps = dir.resolve("dumps");
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = ChildJvm.start(List.of(
                "-javaagent:" + ChildJvm.agentJar() + "=stream=log,stream.interval=1s,stream.dump-on=critical"
                        + ",stream.dump-dir=" + dumps,
                "-XX:StartFlightRecording:filename=" + offline + ",settings=default,settings="
                        + ChildJvm.settings("taskflight.jfc")),
                StreamWorkload.class, List.of("2"), out, err);
        try {
            awaitShowing(err, () -> !child.isAlive()
                    || (intervalPolls(read(err)) >= StreamWorkload.TASKS && DUMP.matcher(read(err)).find()));
            assertThat(child.isAlive()).as("the child runs; its stderr: %s", read(err)).isTrue();
            child.getOutputStream().close();
            await().atMost(WAIT).until(() -> !child.isAlive());
            exitCode = child.exitValue();
        } finally {
            child.destroyForcibly();
        }
        stdout = read(out);
        stderr = read(err);
    }

    @Test
    void theApplicationExitsNormallyWithTheStreamRunning() {
        assertThat(exitCode).as(stderr).isZero();
        assertThat(stdout).contains(StreamWorkload.DONE, "exit");
        assertThat(stderr).doesNotContain("Taskflight agent", "Exception");
    }

    @Test
    void everyIntervalHasALineForThePoolInTheApplicationsLog() {
        assertThat(INTERVAL.matcher(stderr).results().count()).isGreaterThan(1);
        assertThat(stderr).contains("INFO: taskflight interval ");
        assertThat(stdout).doesNotContain("taskflight interval");
    }

    @Test
    void theLongPollIsACriticalWarningLineOfTheIntervalItEndedIn() {
        // On a loaded machine other polls may pass the 10 ms warning line; only the sleep passes 50 ms.
        List<MatchResult> warnings = LONG_POLL.matcher(stderr).results().collect(Collectors.toList());
        assertThat(warnings).as(stderr).hasSize(1);
        MatchResult warning = warnings.get(0);
        assertThat(Double.parseDouble(warning.group(2))).isGreaterThanOrEqualTo(StreamWorkload.LONG_POLL_MILLIS);
        assertThat(INTERVAL.matcher(stderr).results().filter(m -> m.group(1).equals(warning.group(1))))
                .singleElement().satisfies(m -> assertThat(m.group(4)).contains("long-poll:critical"));
    }

    @Test
    void summedIntervalPollsEqualTheTasksAndTheOfflineAnalysisOfTheSameRun() throws Exception {
        AnalysisReport report = new FileAnalysis(offline, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        PoolReport pool = report.pools().stream().filter(p -> p.name().equals(POOL)).findFirst().orElseThrow();
        assertThat(pool.totals().polls()).isEqualTo(StreamWorkload.TASKS);
        assertThat(intervalPolls(stderr)).isEqualTo(StreamWorkload.TASKS);
    }

    @Test
    void theCriticalLongPollIsDumpedToAJfrFileThatHoldsIt() throws Exception {
        Matcher dump = DUMP.matcher(stderr);
        assertThat(dump.find()).as(stderr).isTrue();
        Path file = Path.of(dump.group(1));
        assertThat(file.getParent()).isEqualTo(dumps.toAbsolutePath());
        assertThat(AgentRecordings.read(file)).anyMatch(e -> e.getEventType().getName().equals(EventNames.TASK_POLL)
                && POOL.equals(PoolField.read(e.getString("pool")))
                && e.getDuration().compareTo(Duration.ofMillis(StreamWorkload.LONG_POLL_MILLIS)) >= 0);
    }

    @Test
    void theStreamsOwnThreadsAreNotReportedAsPools() {
        assertThat(stderr).doesNotContain("pool=taskflight-");
    }

    @Test
    void aRenamedAgentJarStreamsToo() throws Exception {
        Path renamed = Files.copy(ChildJvm.agentJar(), dir.resolve("renamed-agent.jar"));
        Path out = dir.resolve("renamed.out");
        Path err = dir.resolve("renamed.err");
        Process child = ChildJvm.start(List.of("-javaagent:" + renamed + "=stream=log,stream.interval=1s"),
                StreamWorkload.class, List.of("1"), out, err);
        try {
            awaitShowing(err, () -> !child.isAlive() || intervalPolls(read(err)) > 0);
            assertThat(child.isAlive()).as("the child runs; its stderr: %s", read(err)).isTrue();
            child.getOutputStream().close();
            await().atMost(WAIT).until(() -> !child.isAlive());
            assertThat(child.exitValue()).as(read(err)).isZero();
        } finally {
            child.destroyForcibly();
        }
        assertThat(read(err)).doesNotContain("Taskflight agent");
    }

    /** Waits for a condition on the child; on time-out, fails with the child's log (its directory is deleted after). */
    private static void awaitShowing(Path err, Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(WAIT).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; summed interval polls " + intervalPolls(read(err))
                    + "; the child's stderr:\n" + read(err), e);
        }
    }

    private static long intervalPolls(String log) {
        return INTERVAL.matcher(log).results().mapToLong(m -> Long.parseLong(m.group(2))).sum();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
