package dev.taskflight.recorder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflight.events.EventNames;
import dev.taskflight.events.PoolField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pools of the JDK's RMI runtime, which serve Taskflight's own JMX connection ({@code jfr-analyze
 * stream --jmx}, {@code --pid}), are not reported: no pool, no poll, no park, no sample.
 */
class JmxTransportTest {

    @TempDir
    Path dir;

    @Test
    void theRmiRuntimesPoolsAreNamedAsSuch() {
        assertThat(JmxTransport.serves("RMI TCP Connection(idle)")).isTrue();
        assertThat(JmxTransport.serves("RMI Scheduler(0)")).isTrue();
        assertThat(JmxTransport.serves("orders-worker")).isFalse();
        assertThat(JmxTransport.serves("RMIish")).isFalse();
    }

    @Test
    void aPoolServingTheJmxConnectionWritesNoEventWhileAnotherPoolDoes() throws Exception {
        Path file = dir.resolve("jmx.jfr");
        PoolProbe rmi = PoolRegistry.register(new FakePool("RMI TCP Connection(idle)"));
        PoolProbe app = PoolRegistry.register(new FakePool("jmx-control"));
        try (Recording r = new Recording()) {
            r.enable(EventNames.TASK_POLL).withThreshold(Duration.ZERO);
            r.enable(EventNames.WORKER_PARK).withThreshold(Duration.ZERO);
            r.enable(EventNames.WORKER_SAMPLE);
            r.enable(EventNames.POOL_INFO);
            r.start();
            await().until(RecordingMode::trace);
            for (PoolProbe pool : new PoolProbe[] {rmi, app}) {
                WorkerProbe w = pool.attachWorker(Thread.currentThread());
                w.parkStart();
                w.parkEnd();
                w.pollStart(WorkerProbe.NO_SUBMIT_TIME, Runnable.class);
                w.pollEnd();
                pool.detachWorker(w);
            }
            r.stop();
            r.dump(file);
        } finally {
            PoolRegistry.unregister(app);
        }
        assertThat(PoolRegistry.find(rmi.name())).isNull();
        Set<String> pools = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX))
                .filter(e -> e.hasField("pool"))
                .map(e -> e.getEventType().getName() + " " + PoolField.read(e.getString("pool")))
                .collect(Collectors.toSet());
        assertThat(pools).contains(EventNames.TASK_POLL + " jmx-control", EventNames.WORKER_PARK + " jmx-control")
                .noneMatch(p -> p.contains("RMI"));
    }
}
