package dev.taskflight.analysis.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.UnseenWork;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnseenWorkAggregatorTest {

    /** The CPU samples the analysis read, of every thread. */
    private static final long READ = 5;

    private static final Frames.Site APP = new Frames.Site("com.acme.Batch.crunch", "com.acme.Batch.run");
    private static final Frames.Site JDK = new Frames.Site("java.util.HashMap.resize", "");

    private final ThreadDirectory directory = new ThreadDirectory();
    private final UnseenWorkAggregator unseen = new UnseenWorkAggregator(directory);

    @Test
    void applicationCodeOnAThreadOfNoPoolIsUnseenWorkNamedByThreadAndSite() {
        directory.put(5, new WorkerKey("compute", 0));
        unseen.cpu(5, "compute-worker-0", false, APP, true);
        unseen.cpu(6, "batch", false, APP, true);
        unseen.cpu(6, "batch", false, APP, true);
        unseen.cpu(7, "main", false, new Frames.Site("com.acme.Main.main", ""), true);
        UnseenWork u = unseen.report(READ);
        assertThat(u.threads()).isEqualTo(2);
        assertThat(u.cpuSamples()).isEqualTo(3);
        assertThat(u.top()).containsExactly(new UnseenWork.UnseenThread("batch", 2, "com.acme.Batch.crunch"),
                new UnseenWork.UnseenThread("main", 1, "com.acme.Main.main"));
    }

    @Test
    void workersVirtualThreadsTheJdksOwnCodeAndUnknownThreadsAreNotUnseenWork() {
        directory.put(5, new WorkerKey("compute", 0));
        unseen.cpu(5, "compute-worker-0", false, APP, true);
        unseen.cpu(8, "", true, APP, true);
        unseen.cpu(9, "Reference Handler", false, JDK, true);
        unseen.cpu(10, "no stack", false, null, true);
        unseen.cpu(-1, "", false, APP, true);
        assertThat(unseen.report(READ)).isEqualTo(new UnseenWork(0, 0, List.of(), READ));
        assertThat(unseen.report(READ).any()).isFalse();
        assertThat(unseen.report(READ).checked()).as("CPU samples were read: nothing ran unseen").isTrue();
    }

    @Test
    void taskflightsOwnThreadsAreNotUnseenWork() {
        // the in-process stream's thread runs the engine, whose frames are application code to the JDK's list
        unseen.cpu(11, "taskflight-in-process-stream", false,
                new Frames.Site("dev.taskflight.analysis.live.InProcessStream.run", ""), true);
        unseen.cpu(12, "taskflight-metrics-http", false, APP, true);
        assertThat(unseen.report(READ).any()).isFalse();
    }

    @Test
    void withoutCpuSamplesNothingWasChecked() {
        assertThat(unseen.report(0)).isEqualTo(UnseenWork.NONE);
        assertThat(unseen.report(0).checked()).isFalse();
    }

    @Test
    void cpuTimeSamplesCountOnlyWhenTheRecordingHasNoExecutionSamples() {
        unseen.cpu(6, "batch", false, APP, false);
        unseen.cpu(6, "batch", false, APP, false);
        assertThat(unseen.report(READ).cpuSamples()).isEqualTo(2);
        unseen.cpu(6, "batch", false, APP, true);
        assertThat(unseen.report(READ).cpuSamples()).isEqualTo(1);
    }

    @Test
    void theReportNamesTheBusiestThreadsAndCountsTheRest() {
        for (int t = 0; t < UnseenWorkAggregator.TOP + 3; t++) {
            for (int i = 0; i <= t; i++) {
                unseen.cpu(100 + t, "t" + t, false, APP, true);
            }
        }
        UnseenWork u = unseen.report(READ);
        assertThat(u.threads()).isEqualTo(UnseenWorkAggregator.TOP + 3);
        assertThat(u.top()).hasSize(UnseenWorkAggregator.TOP);
        assertThat(u.top().get(0).thread()).isEqualTo("t" + (UnseenWorkAggregator.TOP + 2));
    }

    /**
     * A worker Taskflight knows only from its samples, never seen running a task or waiting (after an
     * attach, a worker whose loop the agent could not reach), ran what its thread ran unseen.
     */
    @Test
    void applicationCodeOnAWorkerNeverSeenRunningATaskIsUnseenWorkNamedWithItsPool() {
        directory.put(5, new WorkerKey("http-nio-8080-exec", 0));
        directory.put(6, new WorkerKey("http-nio-8080-exec", 1));
        unseen.cpu(5, "http-nio-8080-exec-1", false, APP, true);
        unseen.cpu(5, "http-nio-8080-exec-1", false, APP, true);
        unseen.cpu(6, "http-nio-8080-exec-2", false, APP, true);
        UnseenWork u = unseen.report(READ, new WorkerKey("http-nio-8080-exec", 0)::equals);
        assertThat(u.threads()).isEqualTo(1);
        assertThat(u.cpuSamples()).isEqualTo(2);
        assertThat(u.top()).containsExactly(new UnseenWork.UnseenThread(
                "http-nio-8080-exec-1 (a worker of http-nio-8080-exec seen running no task)", 2, "com.acme.Batch.crunch"));
        assertThat(unseen.report(READ).any()).as("workers seen at work: nothing unseen").isFalse();
        unseen.inPoll(new WorkerKey("http-nio-8080-exec", 0));
        assertThat(unseen.report(READ, new WorkerKey("http-nio-8080-exec", 0)::equals).any())
                .as("a worker the watchdog saw in a poll that outlasts the recording").isFalse();
    }
}
