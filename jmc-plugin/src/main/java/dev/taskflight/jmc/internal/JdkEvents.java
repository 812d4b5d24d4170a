package dev.taskflight.jmc.internal;

/** The names of the JDK's own events the rules read, as {@code jfr-analyze} reads them. */
final class JdkEvents {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String CPU_TIME_SAMPLE = "jdk.CPUTimeSample";
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String THREAD_SLEEP = "jdk.ThreadSleep";
    static final String SOCKET_READ = "jdk.SocketRead";
    static final String SOCKET_WRITE = "jdk.SocketWrite";
    static final String FILE_READ = "jdk.FileRead";
    static final String FILE_WRITE = "jdk.FileWrite";
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    private JdkEvents() {
    }
}
