package dev.taskflight.analysis.internal;

/** The names of the JDK's own events the analyzers read, written once. */
public final class JdkEventNames {

    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    public static final String CPU_TIME_SAMPLE = "jdk.CPUTimeSample";
    public static final String JAVA_MONITOR_ENTER = "jdk.JavaMonitorEnter";
    public static final String JAVA_MONITOR_WAIT = "jdk.JavaMonitorWait";
    public static final String THREAD_PARK = "jdk.ThreadPark";
    public static final String THREAD_SLEEP = "jdk.ThreadSleep";
    public static final String SOCKET_READ = "jdk.SocketRead";
    public static final String SOCKET_WRITE = "jdk.SocketWrite";
    public static final String FILE_READ = "jdk.FileRead";
    public static final String FILE_WRITE = "jdk.FileWrite";
    public static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    public static final String THREAD_START = "jdk.ThreadStart";
    public static final String ACTIVE_SETTING = "jdk.ActiveSetting";
    public static final String GC_PHASE_PAUSE = "jdk.GCPhasePause";
    public static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";
    public static final String SAFEPOINT_BEGIN = "jdk.SafepointBegin";
    public static final String CPU_LOAD = "jdk.CPULoad";

    private JdkEventNames() {
    }
}
