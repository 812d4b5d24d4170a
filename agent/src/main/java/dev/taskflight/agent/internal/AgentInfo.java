package dev.taskflight.agent.internal;

import dev.taskflight.agent.internal.kotlin.CoroutineAdapter;
import dev.taskflight.agent.internal.threadpool.ExecutorFamilies;
import dev.taskflight.agent.internal.adapter.Adapters;
import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.events.EventClasses;
import dev.taskflight.events.agent.AgentInfoEvent;
import java.util.List;
import java.util.Locale;
import jdk.jfr.FlightRecorder;

/**
 * Writes {@code taskflight.AgentInfo} at the start and the end of every chunk of every recording that enables
 * it, from JFR's periodic thread: the agent's version and mode, its adapters, and the families it
 * has hooked or skipped so far. It does not wait for a pool to exist.
 */
public final class AgentInfo {

    /** The JDK's {@code ThreadPoolExecutor} and its subclasses. */
    public static final String THREAD_POOLS = "jdk-thread-pool";
    /** The JDK's {@code ForkJoinPool}, the common pool included. */
    public static final String FORK_JOIN = "jdk-fork-join";
    /** The scheduler of virtual threads (JDK 21+). */
    public static final String VIRTUAL_THREADS = "virtual-threads";

    /** Every family the agent has an adapter for. */
    static final List<String> ADAPTERS = java.util.stream.Stream.concat(
            Adapters.all().stream().map(SchedulerAdapter::family),
            java.util.stream.Stream.of(FORK_JOIN, VIRTUAL_THREADS, CoroutineAdapter.FAMILY, ExecutorFamilies.REACTOR))
            .toList();

    private static final String VERSION = versionOf(AgentInfo.class);

    private AgentInfo() {
    }

    /**
     * Registers the periodic event.
     *
     * @param options the agent's options
     * @param attached whether the agent was attached to a running JVM
     */
    static void install(AgentOptions options, boolean attached) {
        String mode = options.mode().name().toLowerCase(Locale.ROOT);
        String adapters = String.join(",", ADAPTERS);
        // initialized first: the recorder's set-up thread may be initializing it at this moment
        EventClasses.initialize(AgentInfoEvent.class);
        FlightRecorder.addPeriodicEvent(AgentInfoEvent.class, () -> {
            try {
                AgentInfoEvent event = new AgentInfoEvent();
                event.taskflightVersion = VERSION;
                event.mode = mode;
                event.attached = attached;
                event.adapters = adapters;
                event.hooked = AgentFamilies.hookedList();
                event.skipped = AgentFamilies.skippedList();
                event.commit();
            } catch (RuntimeException | LinkageError e) {
                AgentLog.hookFailed(e);
            }
        });
    }

    /** @return the agent's version, from its jar's manifest; {@code dev} when not run from a jar */
    public static String version() {
        return VERSION;
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
