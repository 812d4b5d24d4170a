package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

class RulesOnRecordingsTest {

    /** What one rule must say on one recording: its severity and fragments of its filled-in text. */
    record Expectation(Sample sample, String rule, Severity severity, List<String> text) {
        @Override
        public String toString() {
            return sample + " " + rule + " " + severity;
        }
    }

    /** Pinning needs jdk.VirtualThreadPinned, which JDK 17 does not have. */
    private static final Severity PINNING = Runtime.version().feature() >= 21 ? Severity.OK : Severity.NA;

    static Stream<Expectation> expectations() {
        return Stream.of(
                new Expectation(Sample.PATHOLOGIES, "TaskflightLongPoll", Severity.WARNING, List.of(
                        "Pool lp-cpu: polls of 10 ms or more: 1", "on worker 0",
                        "on CPU in dev.taskflight.jmc.recordings.Workload.spinInDistinctiveMethod",
                        "ran dev.taskflight.jmc.recordings.Workload$SpinTask",
                        "critical: pool 'lp-lock'", "blocked on monitor java.lang.Object",
                        "warning: pool 'lp-sleep'", "sleeping in Thread.sleep")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightIdleWorker", Severity.WARNING, List.of(
                        "Pool idle: worker 0 sat idle", "it parked while work was queued (1 such parks, up to 5 tasks waiting")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightSchedulingDelay", Severity.INFO, List.of(
                        "Pool delay: p99 scheduling delay 8", "on worker 0", "warning: pool 'delay'")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightQueueBacklog", Severity.WARNING, List.of(
                        "Pool backlog: the queue reached 1,500 tasks", "2.0 of 2 workers were active",
                        "critical: pool 'backlog'")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightImbalance", Severity.WARNING, List.of(
                        "Pool imbalance: polls per worker differ 20", "worker 0 ran 1000 polls while worker 1 ran 50")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightPinnedCarrier", PINNING, List.of()),
                new Expectation(Sample.PATHOLOGIES, "TaskflightBlockedEventLoop", Severity.OK,
                        List.of("No event-loop poll of 1 ms or more")),
                new Expectation(Sample.PATHOLOGIES, "TaskflightPoolThreadBlocking", Severity.OK,
                        List.of("No thread of a pool without Taskflight events")),
                new Expectation(Sample.CLEAN, "TaskflightLongPoll", Severity.OK, List.of("No task held its worker")),
                new Expectation(Sample.CLEAN, "TaskflightIdleWorker", Severity.OK, List.of("No worker sat idle")),
                new Expectation(Sample.CLEAN, "TaskflightSchedulingDelay", Severity.OK, List.of("No pool's tasks")),
                new Expectation(Sample.CLEAN, "TaskflightQueueBacklog", Severity.OK, List.of("No pool's queue")),
                new Expectation(Sample.CLEAN, "TaskflightImbalance", Severity.OK, List.of("comparable numbers")),
                new Expectation(Sample.CLEAN, "TaskflightPinnedCarrier", PINNING, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightLongPoll", Severity.NA, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightIdleWorker", Severity.NA, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightSchedulingDelay", Severity.NA, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightQueueBacklog", Severity.NA, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightImbalance", Severity.NA, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightPinnedCarrier", PINNING, List.of()),
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightBlockedEventLoop", Severity.NA, List.of()),
                // no monitor, sleep or park event of the JDK: nothing to judge, not an all-clear; a JVM thread
                // may park past the threshold on a busy machine, and with that evidence and no pool it is OK
                jdkWaitEvents(Sample.NO_TASKFLIGHT)
                        ? new Expectation(Sample.NO_TASKFLIGHT, "TaskflightPoolThreadBlocking", Severity.OK,
                                List.of("No thread of a pool without Taskflight events"))
                        : new Expectation(Sample.NO_TASKFLIGHT, "TaskflightPoolThreadBlocking", Severity.NA,
                                List.of("no monitor-enter, sleep or park events")),
                // its main thread spins outside any pool: the other rules' results do not cover it
                new Expectation(Sample.NO_TASKFLIGHT, "TaskflightUnseenWork", Severity.INFO,
                        List.of("ran application code that Taskflight did not see", "main: ",
                                "dev.taskflight.jmc.recordings.JdkOnlyWorkload")));
    }

    /** Whether the sample's recording holds a monitor-enter, sleep or park event of the JDK. */
    private static boolean jdkWaitEvents(Sample sample) {
        return RuleRunner.load(TestRecordings.get(sample))
                .apply(ItemFilters.type(Set.of("jdk.JavaMonitorEnter", "jdk.ThreadSleep", "jdk.ThreadPark"))).hasItems();
    }

    private static final Map<Sample, Map<String, IResult>> RESULTS = new java.util.EnumMap<>(Sample.class);

    private static synchronized Map<String, IResult> results(Sample sample) {
        return RESULTS.computeIfAbsent(sample,
                s -> RuleRunner.evaluate(RuleRunner.load(TestRecordings.get(s))));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void ruleReportsTheExpectedSeverityAndNamesPoolWorkerAndCause(Expectation e) {
        IResult result = results(e.sample()).get(e.rule());

        assertThat(result.getSeverity()).as(RuleRunner.text(result)).isEqualTo(e.severity());
        e.text().forEach(fragment -> assertThat(RuleRunner.text(result)).contains(fragment));
    }
}
