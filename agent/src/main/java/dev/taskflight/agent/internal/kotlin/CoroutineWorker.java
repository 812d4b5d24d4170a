package dev.taskflight.agent.internal.kotlin;

import dev.taskflight.agent.internal.AgentOptions;
import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;

/**
 * The agent's state for one {@code CoroutineScheduler} worker thread: its worker in the CPU pool and
 * in the blocking pool (each attached at the thread's first task of that mode), the poll in
 * progress, and the task it last stole. A park is a park in both pools. Used on its thread only.
 */
public final class CoroutineWorker {

    final Object scheduler;
    private final SchedulerPools pools;
    private final SchedulerHandles handles;
    private final AgentOptions options;
    private WorkerProbe cpu;
    private WorkerProbe blocking;
    private WorkerProbe polling;
    private WorkerProbe last; // the worker of the thread's last poll since its last park
    private boolean parked;

    CoroutineWorker(Object scheduler, SchedulerPools pools, SchedulerHandles handles, AgentOptions options) {
        this.scheduler = scheduler;
        this.pools = pools;
        this.handles = handles;
        this.options = options;
    }

    boolean polling() {
        return polling != null;
    }

    /** @return whether a poll started (its pool is recorded) */
    boolean taskStart(Object task) throws Throwable {
        WorkerProbe p = probe(handles.blocking(task));
        if (p == null) {
            return false;
        }
        long dispatched = handles.submissionTime(task);
        long submitted = SubmitStamps.sample(dispatched == 0 ? WorkerProbe.NO_SUBMIT_TIME : dispatched);
        if (last != p) { // the thread turns to this pool: the other pool's time stops here
            WorkerProbe other = p == cpu ? blocking : cpu;
            if (other != null) {
                other.leave();
            }
            last = p;
        }
        p.pollStart(submitted, task);
        polling = p;
        return true;
    }

    void taskEnd() {
        WorkerProbe p = polling;
        if (p != null) {
            polling = null;
            p.pollEnd();
        }
    }

    void stole(Object task) throws Throwable {
        WorkerProbe p = probe(handles.blocking(task));
        if (p != null) {
            p.stole(-1, task);
        }
    }

    void parkStart() {
        parked = true;
        if (cpu != null) {
            cpu.parkStart();
        }
        if (blocking != null) {
            blocking.parkStart();
        }
    }

    void parkEnd() {
        if (parked) {
            parked = false;
            last = null; // both pools stamp here: the first poll after it leaves the other one
            if (cpu != null) {
                cpu.parkEnd();
            }
            if (blocking != null) {
                blocking.parkEnd();
            }
        }
    }

    void exit() {
        parkEnd();
        taskEnd();
        detach(cpu);
        detach(blocking);
        cpu = null;
        blocking = null;
    }

    private WorkerProbe probe(boolean blockingTask) {
        WorkerProbe p = blockingTask ? blocking : cpu;
        if (p != null) {
            return p;
        }
        PoolProbe pool = pools.pool(blockingTask, options);
        if (pool == null) {
            return null;
        }
        p = pool.attachWorker(Thread.currentThread());
        if (blockingTask) {
            blocking = p;
        } else {
            cpu = p;
        }
        return p;
    }

    private static void detach(WorkerProbe p) {
        if (p != null) {
            p.pool().detachWorker(p);
        }
    }
}
