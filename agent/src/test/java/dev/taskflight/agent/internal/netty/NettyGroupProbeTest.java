package dev.taskflight.agent.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.events.PoolKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Netty group's queue, read at a loop's park, is unknown until the watchdog has looked the executors'
 * {@code pendingTasks()} up off the loops; then it is the sum of their pending tasks. Plain objects with
 * Netty's method stand in for the loops: the look-up is by name.
 */
public class NettyGroupProbeTest {

    /** An executor as the probe reads it: a public {@code int pendingTasks()}. */
    public static final class Loop {
        private final int pending;

        Loop(int pending) {
            this.pending = pending;
        }

        public int pendingTasks() {
            return pending;
        }
    }

    @Test
    void aLoopsReadingIsUnknownUntilPreparedThenItIsThePendingTasksOfTheGroup() {
        List<Loop> group = List.of(new Loop(2), new Loop(3));
        NettyGroupProbe probe = new NettyGroupProbe("group", group, PoolKinds.NETTY_EVENT_LOOP_GROUP);
        assertThat(probe.queuedTasksOnWorker()).isEqualTo(-1);
        probe.prepare();
        assertThat(probe.queuedTasksOnWorker()).isEqualTo(5);
        assertThat(probe.queuedTasks()).isEqualTo(5);
    }
}
