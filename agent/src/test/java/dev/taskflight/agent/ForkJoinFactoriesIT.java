package dev.taskflight.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.EventNames;
import dev.taskflight.agent.child.ForkJoinFactoriesWorkload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent finds the workers of ForkJoinPools whatever factory made them, counts every task they
 * run with no recording running (the counters of a recording that starts later add up exactly), and
 * leaves the library's pool to the library, which counts its tasks once.
 */
class ForkJoinFactoriesIT {

    @TempDir
    Path dir;

    @Test
    void everyPoolCountsEveryTaskExactlyOnceWhateverFactoryMadeItsWorkers() throws Exception {
        Path jfr = dir.resolve("factories.jfr");
        ChildJvm.Result child = ChildJvm.run(List.of("-javaagent:" + ChildJvm.agentJar()),
                ForkJoinFactoriesWorkload.class, jfr.toString(), ChildJvm.settings("taskflight.jfc").toString());
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).contains("done");
        List<RecordedEvent> samples = AgentRecordings.read(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.WORKER_SAMPLE))
                .collect(Collectors.toList());
        // counters are cumulative and written several times (periodically, at chunk ends, at the pool's end):
        // a pool's polls are the sum over its workers of each worker's latest count
        Map<String, Long> polls = samples.stream().collect(Collectors.groupingBy(e -> e.getString("pool"),
                Collectors.collectingAndThen(Collectors.toMap(e -> e.getInt("worker"), e -> e.getLong("polls"), Math::max),
                        latest -> latest.values().stream().mapToLong(Long::longValue).sum())));
        long expected = ForkJoinFactoriesWorkload.TASKS + 1;
        assertThat(polls).containsEntry("library-fj", expected).containsEntry("custom-fj", expected);
        // the default factory's pool is named where it was created; the library's pool only once
        assertThat(polls.entrySet()).filteredOn(e -> e.getKey().startsWith("ForkJoinFactoriesWorkload.main:"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(expected));
    }
}
