package dev.taskflight.agent.internal.virtual;

import dev.taskflight.agent.internal.AgentLog;
import dev.taskflight.agent.internal.TaskClasses;
import dev.taskflight.agent.internal.forkjoin.FjpHooks;
import dev.taskflight.recorder.core.SubmitStamps;
import dev.taskflight.recorder.core.WorkerProbe;

/**
 * What the instrumented {@code java.lang.VirtualThread} calls: created (its task's class),
 * submitted to its scheduler (the start of its scheduling delay), and run on a carrier
 * ({@code runContinuation}: mount to unmount, one poll on the carrier's worker). Every method
 * swallows its own failures.
 */
public final class VtHooks {

    private VtHooks() {
    }

    /**
     * Returns the class to report for a mount of a virtual thread.
     *
     * @param vthread the virtual thread
     * @return its task's class if known, else the thread's class
     */
    @SuppressWarnings("deprecation")
    public static Class<?> taskClassOf(Thread vthread) {
        Class<?> taskClass = VtTable.taskClass(vthread.getId());
        return taskClass != null ? taskClass : vthread.getClass();
    }

    /**
     * A virtual thread was created.
     *
     * @param vthread the new virtual thread
     * @param task its task
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, the agent compiles for 17
    public static void created(Thread vthread, Object task) {
        try {
            VtTable.created(vthread.getId(), TaskClasses.of(task));
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A virtual thread is submitted to its scheduler: started, unparked, unblocked or yielding.
     *
     * @param vthread the virtual thread
     */
    @SuppressWarnings("deprecation")
    public static void submitted(Thread vthread) {
        try {
            long stamp = SubmitStamps.stamp();
            if (stamp != WorkerProbe.NO_SUBMIT_TIME) {
                VtTable.submitted(vthread.getId(), stamp);
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }

    /**
     * A carrier is about to mount a virtual thread.
     *
     * @param vthread the virtual thread
     * @return the carrier's probe, or {@code null} if the mount is not recorded
     */
    @SuppressWarnings("deprecation")
    public static WorkerProbe mountStart(Thread vthread) {
        try {
            WorkerProbe w = FjpHooks.currentCarrier();
            if (w == null) {
                return null;
            }
            w.mountStart(VtTable.takeSubmit(vthread.getId()), vthread);
            return w;
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
            return null;
        }
    }

    /**
     * The virtual thread unmounted: it parked, blocked, yielded or finished.
     *
     * @param w the probe returned by {@link #mountStart}
     * @param vthread the virtual thread
     */
    @SuppressWarnings("deprecation")
    public static void mountEnd(WorkerProbe w, Thread vthread) {
        try {
            if (w != null) {
                CarrierEventWriter.afterUnmount(); // else JDK 25 may drop this poll's event
                w.pollEnd();
            }
        } catch (Throwable t) {
            AgentLog.hookFailed(t);
        }
    }
}
