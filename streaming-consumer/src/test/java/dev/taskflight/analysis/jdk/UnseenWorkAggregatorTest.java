package dev.taskflight.analysis.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.internal.Frames;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.report.UnseenWork;
import org.junit.jupiter.api.Test;

class UnseenWorkAggregatorTest {

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
        UnseenWork u = unseen.report();
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
        assertThat(unseen.report()).isEqualTo(new UnseenWork(0, 0, java.util.List.of(), 5));
        assertThat(unseen.report().any()).isFalse();
        assertThat(unseen.report().checked()).as("five CPU samples were read: nothing ran unseen").isTrue();
    }

    @Test
    void withoutCpuSamplesNothingWasChecked() {
        assertThat(unseen.report()).isEqualTo(UnseenWork.NONE);
        assertThat(unseen.report().checked()).isFalse();
    }

    @Test
    void cpuTimeSamplesCountOnlyWhenTheRecordingHasNoExecutionSamples() {
        unseen.cpu(6, "batch", false, APP, false);
        unseen.cpu(6, "batch", false, APP, false);
        assertThat(unseen.report().cpuSamples()).isEqualTo(2);
        unseen.cpu(6, "batch", false, APP, true);
        assertThat(unseen.report().cpuSamples()).isEqualTo(1);
    }

    @Test
    void theReportNamesTheBusiestThreadsAndCountsTheRest() {
        for (int t = 0; t < UnseenWorkAggregator.TOP + 3; t++) {
            for (int i = 0; i <= t; i++) {
                unseen.cpu(100 + t, "t" + t, false, APP, true);
            }
        }
        UnseenWork u = unseen.report();
        assertThat(u.threads()).isEqualTo(UnseenWorkAggregator.TOP + 3);
        assertThat(u.top()).hasSize(UnseenWorkAggregator.TOP);
        assertThat(u.top().get(0).thread()).isEqualTo("t" + (UnseenWorkAggregator.TOP + 2));
    }
}
