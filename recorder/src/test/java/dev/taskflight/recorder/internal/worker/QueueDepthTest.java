package dev.taskflight.recorder.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link QueueDepth}: as the recorder reads queues on its own (as a library, {@code java.util.concurrent}
 * closed), and as it reads them under the agent, which opens that package: the agent's case runs in a
 * child JVM with the same opening, {@link QueueDepthOpened}, whose queues' locks are held by another
 * thread while they are read.
 */
class QueueDepthTest {

    @Test
    void queuesThatCountWithoutALockAreReadAsTheyAre() {
        LinkedBlockingQueue<Runnable> linked = new LinkedBlockingQueue<>();
        linked.add(() -> { });
        linked.add(() -> { });
        LinkedTransferQueue<Runnable> transfer = new LinkedTransferQueue<>();
        transfer.add(() -> { });
        assertThat(QueueDepth.size(linked)).isEqualTo(2);
        assertThat(QueueDepth.size(transfer)).isEqualTo(1);
        assertThat(QueueDepth.size(new SynchronousQueue<>())).isZero();
        assertThat(QueueDepth.due(linked)).as("not a scheduled pool's queue: every task waits").isEqualTo(2);
    }

    @Test
    void aSubclassIsReadOnlyIfItKeepsTheJdksCount() {
        LinkedBlockingQueue<Runnable> keeps = new LinkedBlockingQueue<>() { }; // as Tomcat's TaskQueue
        keeps.add(() -> { });
        LinkedBlockingQueue<Runnable> counts = new LinkedBlockingQueue<>() {
            @Override
            public synchronized int size() {
                return super.size();
            }
        };
        counts.add(() -> { });
        assertThat(QueueDepth.size(keeps)).isEqualTo(1);
        assertThat(QueueDepth.size(counts)).isEqualTo(QueueDepth.UNKNOWN);
    }

    @Test
    void aWrappedQueueIsReadThrough() {
        LinkedBlockingQueue<Runnable> app = new LinkedBlockingQueue<>();
        app.add(() -> { });
        assertThat(QueueDepth.size(new ParkTimingQueue<>(app, new ProbeRef()))).isEqualTo(1);
    }

    @Test
    void queuesThatLockAreUnknownWhileTheirPackageIsClosed() {
        assertThat(Object.class.getModule().isOpen("java.util.concurrent", QueueDepth.class.getModule()))
                .as("this test JVM runs the recorder as a library, without the agent's opening").isFalse();
        ArrayBlockingQueue<Runnable> array = new ArrayBlockingQueue<>(4);
        array.add(() -> { });
        assertThat(QueueDepth.size(array)).isEqualTo(QueueDepth.UNKNOWN);
        assertThat(QueueDepth.size(new DelayQueue<>())).isEqualTo(QueueDepth.UNKNOWN);
    }

    @Test
    void underTheAgentsOpeningEveryJdkQueueIsReadWhileAnotherThreadHoldsItsLock() throws Exception {
        Map<String, String> results = runOpened();
        assertThat(results).containsEntry("array.size", "3")
                .containsEntry("priority.size", "2")
                .containsEntry("deque.size", "2")
                .containsEntry("delay.size", "1")
                .containsEntry("scheduled.size", "1")
                .containsEntry("scheduled.due", "0")
                .containsEntry("scheduled.dueNow", "1")
                .containsEntry("array.locked", "true")
                .containsEntry("delay.locked", "true")
                .containsEntry("scheduled.locked", "true");
        // read while another thread held the lock: the read did not wait for it
        assertThat(Long.parseLong(results.get("array.whileLocked"))).isEqualTo(3);
        assertThat(Long.parseLong(results.get("delay.whileLocked"))).isBetween(1L, 2L);
        assertThat(Long.parseLong(results.get("scheduled.whileLocked"))).isBetween(1L, 2L);
        assertThat(results).containsEntry("scheduled.dueWhileLocked", "0");
    }

    /** Runs {@link QueueDepthOpened} in a JVM that opens {@code java.util.concurrent} as the agent does. */
    private static Map<String, String> runOpened() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                QueueDepthOpened.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("the child's output:\n%s", out).isZero();
        Map<String, String> results = new LinkedHashMap<>();
        out.lines().filter(l -> l.indexOf('=') > 0).forEach(l -> {
            int eq = l.indexOf('=');
            results.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return results;
    }
}
