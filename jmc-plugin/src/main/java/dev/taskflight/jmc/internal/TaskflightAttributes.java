package dev.taskflight.jmc.internal;

import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.unit.IQuantity;

/**
 * The JMC attributes of Taskflight's event fields (and of the few JDK fields JMC has no constant for),
 * each with the content type JMC's parser gives the field. Integral fields are read with
 * {@link ItemFields.Numeric}, which accepts either of the two types JMC may give them.
 */
final class TaskflightAttributes {

    static final IAttribute<String> POOL = ItemFields.text("pool");
    static final IAttribute<String> KIND = ItemFields.text("kind");
    static final IAttribute<String> INSTRUMENTATION = ItemFields.text("instrumentation");
    static final IAttribute<String> VERSION = ItemFields.text("taskflightVersion");
    static final IAttribute<IQuantity> SCHEDULING_DELAY = ItemFields.timespan("schedulingDelay");
    static final IAttribute<IMCThread> VIRTUAL_THREAD = ItemFields.thread("virtualThread");
    static final IAttribute<IMCType> TASK_CLASS = ItemFields.type("taskClass");
    static final IAttribute<IMCThread> WORKER_THREAD = ItemFields.thread("workerThread");
    static final IAttribute<IQuantity> BUSY_TIME = ItemFields.timespan("busyTime");
    static final IAttribute<IQuantity> IDLE_TIME = ItemFields.timespan("idleTime");
    /** {@code jdk.ThreadStart}'s started thread. */
    static final IAttribute<IMCThread> THREAD = ItemFields.thread("thread");
    /** {@code jdk.VirtualThreadPinned}'s carrier (JDK 24 and later). */
    static final IAttribute<IMCThread> CARRIER_THREAD = ItemFields.thread("carrierThread");
    /** {@code jdk.VirtualThreadPinned}'s reason (JDK 24 and later). */
    static final IAttribute<String> PINNED_REASON = ItemFields.text("pinnedReason");
    /** {@code jdk.CPUTimeSample}'s sampling period (JDK 25 and later). */
    static final IAttribute<IQuantity> SAMPLING_PERIOD = ItemFields.timespan("samplingPeriod");
    /** {@code jdk.CPUTimeSample}'s failure flag (JDK 25 and later). */
    static final IAttribute<Boolean> FAILED = ItemFields.flag("failed");
    /** {@code jdk.JavaMonitorEnter} and {@code jdk.JavaMonitorWait}'s monitor class. */
    static final IAttribute<IMCType> MONITOR_CLASS = ItemFields.type("monitorClass");
    /** {@code jdk.ThreadPark}'s parked-on class. */
    static final IAttribute<IMCType> PARKED_CLASS = ItemFields.type("parkedClass");
    static final IAttribute<String> HOST = ItemFields.text("host");
    static final IAttribute<String> ADDRESS = ItemFields.text("address");
    static final IAttribute<String> PATH = ItemFields.text("path");

    private TaskflightAttributes() {
    }
}
