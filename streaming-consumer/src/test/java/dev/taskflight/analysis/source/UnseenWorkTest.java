package dev.taskflight.analysis.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.fixtures.Evidence;
import dev.taskflight.analysis.fixtures.OutsiderWorkload;
import dev.taskflight.analysis.fixtures.Recordings;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.UnseenWork;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnseenWorkTest {

    @Test
    void aThreadOfNoPoolThatRanApplicationCodeIsReportedWithEverySampleTheJdkTookOfIt() throws Exception {
        Path file = Recordings.outsider();
        AnalysisReport report = new FileAnalysis(file, AnalysisOptions.DEFAULT, ProgressListener.NONE).run();
        int sampled = Evidence.cpuSampleTimes(file, OutsiderWorkload.OUTSIDER, OutsiderWorkload.SPIN_METHOD).size();
        // The JDK's sampler may miss the spin on a busy machine: the report says exactly what it shows.
        if (sampled > 0) {
            assertThat(report.unseen().any()).isTrue();
            assertThat(report.unseen().top()).anySatisfy(t -> {
                assertThat(t.thread()).isEqualTo(OutsiderWorkload.OUTSIDER);
                assertThat(t.cpuSamples()).isEqualTo(sampled);
                assertThat(t.site()).contains("spinInTheHotLoop");
            });
        } else {
            assertThat(report.unseen().top()).noneMatch(t -> t.thread().equals(OutsiderWorkload.OUTSIDER));
        }
        assertThat(report.unseen().top()).extracting(UnseenWork.UnseenThread::thread)
                .noneMatch(t -> t.startsWith(OutsiderWorkload.POOL + "-worker-"));
        assertThat(report.findings()).isEmpty();
    }
}
