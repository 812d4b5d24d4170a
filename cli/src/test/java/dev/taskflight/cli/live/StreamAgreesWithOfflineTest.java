package dev.taskflight.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.source.FileAnalysis;
import dev.taskflight.analysis.source.ProgressListener;
import dev.taskflight.cli.ExitCodes;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each source of {@code jfr-analyze stream} (the agent's in-process stream is checked by the recorder's
 * {@code AgentStreamIT}) against the offline analysis of the same run: a child JVM records to a file with
 * {@code -XX:StartFlightRecording} while it is streamed, and the numbers of the stream's interval lines
 * for its pool agree with the analysis of that file.
 *
 * <p>The workload ({@link AgreementWorkload}) starts its pool's workers idle and works only once the
 * stream has shown the pool with both workers: a stream starts later than the JVM (a JMX stream's own
 * recording later still), and counters are differenced from the first sample the stream sees, so only
 * what happens after that sample can agree by construction. Every number compared is therefore made
 * wholly after it: the polls (worker counters, 0 until then), the long polls, scheduling delays and
 * longest poll (from events of the tasks), and the queue depth (0 until then). Counters that also move
 * while the workers wait (parks, busy and idle time) are not compared: the stream misses their start.
 */
class StreamAgreesWithOfflineTest {

    private static final Duration LIMIT = ChildJvm.LIMIT;
    private static final String POOL = AgreementWorkload.POOL;
    private static final String DELAY_SAMPLING = "taskflight.delaySampling";

    /** A source of the stream, with the options it needs of the child JVM. */
    enum Source {
        PID, REPOSITORY, JMX, JMX_AUTHENTICATED
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Source.class)
    void summedIntervalsAgreeWithTheOfflineAnalysisOfTheSameRun(Source source) throws Exception {
        Path recording = dir.resolve("offline.jfr");
        List<String> jvmOptions = new ArrayList<>(List.of("-XX:StartFlightRecording:filename=" + recording
                + ",settings=default,settings=" + ChildJvm.SETTINGS,
                // One task's scheduling delay in 16 (not 4096) is sampled, so that a run this short has some.
                "-D" + DELAY_SAMPLING + "=16"));
        int port = JmxAgent.freePort();
        if (source == Source.REPOSITORY) {
            jvmOptions.add("-XX:FlightRecorderOptions:repository=" + dir.resolve("repository"));
        } else if (source != Source.PID) {
            jvmOptions.addAll(List.of(JmxAgent.options(dir, port, source == Source.JMX_AUTHENTICATED)));
        }
        try (ChildJvm child = ChildJvm.start(dir, AgreementWorkload.class, jvmOptions.toArray(new String[0]))) {
            List<String> args = new ArrayList<>(List.of("stream", "--interval", "1s", "--format", "json"));
            switch (source) {
                case PID:
                    args.addAll(List.of("--pid", Long.toString(child.pid())));
                    break;
                case REPOSITORY:
                    Path repository = await().atMost(LIMIT)
                            .until(() -> StreamCommandTest.repository(dir.resolve("repository")), p -> p != null);
                    args.addAll(List.of("--repository", repository.toString()));
                    break;
                default:
                    args.addAll(List.of("--jmx", "127.0.0.1:" + port));
                    if (source == Source.JMX_AUTHENTICATED) {
                        args.addAll(List.of("--jmx-user", JmxAgent.USER, "--jmx-password-file",
                                JmxAgent.secret(dir, "client.password", JmxAgent.PASSWORD + "\n").toString()));
                    }
            }
            Streaming s = new Streaming(args.toArray(new String[0]));
            await().atMost(LIMIT).until(() -> s.exit.isDone()
                    || intervals(s).stream().anyMatch(n -> n.path("workers").asInt() == 2));
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            assertThat(sum(intervals(s), "polls")).isZero();

            OutputStream stdin = child.process().getOutputStream();
            stdin.write((AgreementWorkload.GO + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            await().atMost(LIMIT).until(() -> s.exit.isDone()
                    || sum(intervals(s), "polls") >= AgreementWorkload.TASKS);
            assertThat(s.exit).as("stderr: %s", s.err).isNotDone();
            stdin.close();
            assertThat(child.process().waitFor(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(child.process().exitValue()).as("the child's output: %s", child.output()).isZero();
            assertThat(child.output()).contains(AgreementWorkload.DONE);
            await().atMost(LIMIT).until(s.exit::isDone);
            assertThat(s.exit.get()).as("stderr: %s", s.err).isEqualTo(ExitCodes.STREAM_ENDED);

            PoolReport offline = new FileAnalysis(recording, AnalysisOptions.DEFAULT, ProgressListener.NONE).run()
                    .pools().stream().filter(p -> p.name().equals(POOL)).findFirst().orElseThrow();
            List<JsonNode> intervals = intervals(s);
            assertThat(offline.totals().polls()).isEqualTo(AgreementWorkload.TASKS);
            assertThat(sum(intervals, "polls")).as("summed interval polls").isEqualTo(AgreementWorkload.TASKS);
            assertThat(offline.longPolls()).isGreaterThanOrEqualTo(AgreementWorkload.TASKS
                    / AgreementWorkload.LONG_POLL_EVERY);
            assertThat(sum(intervals, "longPolls")).as("summed interval long polls").isEqualTo(offline.longPolls());
            assertThat(max(intervals, "longestPollNanos")).as("longest poll")
                    .isEqualTo(offline.totals().longestPollNanos())
                    .isGreaterThanOrEqualTo(AgreementWorkload.LONG_POLL_MILLIS * 1_000_000);
            List<JsonNode> delays = intervals.stream().map(n -> n.path("schedulingDelay"))
                    .collect(Collectors.toList());
            assertThat(offline.delay().count()).isPositive();
            assertThat(sum(delays, "count")).as("summed scheduling-delay counts").isEqualTo(offline.delay().count());
            // A maximum of the same recorded values: the same histogram bucket, whichever interval holds it.
            assertThat(max(delays, "maxNanos")).as("scheduling-delay max").isEqualTo(offline.delay().max());
            assertThat(offline.queue()).isNotNull();
            assertThat(max(intervals, "queueMax")).as("queue depth max").isEqualTo(offline.queue().maxQueued());
            // the pool's workers ran only what Taskflight saw: no interval names one as unseen work
            assertThat(records(s, "unseen")).allSatisfy(u -> assertThat(u.path("top"))
                    .noneMatch(t -> t.path("thread").asText().startsWith(POOL + "-")));
        }
    }

    /** The stream's interval lines for the pool, as JSON. */
    private static List<JsonNode> intervals(Streaming s) {
        return records(s, "interval").stream().filter(n -> n.path("pool").asText().equals(POOL))
                .collect(Collectors.toList());
    }

    /** The stream's lines of one kind of record, as JSON. */
    private static List<JsonNode> records(Streaming s, String record) {
        ObjectMapper mapper = new ObjectMapper();
        return s.out.toString().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("not a JSON line: " + l, e);
            }
        }).filter(n -> n.path("record").asText().equals(record)).collect(Collectors.toList());
    }

    private static long sum(List<JsonNode> nodes, String field) {
        return nodes.stream().mapToLong(n -> n.path(field).asLong()).sum();
    }

    private static long max(List<JsonNode> nodes, String field) {
        return nodes.stream().mapToLong(n -> n.path(field).asLong()).max().orElse(-1);
    }
}
