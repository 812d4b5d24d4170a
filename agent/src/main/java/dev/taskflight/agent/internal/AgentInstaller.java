package dev.taskflight.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.forkjoin.FjpHooks;
import dev.taskflight.agent.internal.jdk.JdkStrategies;
import dev.taskflight.agent.internal.jdk.JdkStrategy;
import dev.taskflight.agent.internal.jdk.Weaver;
import dev.taskflight.agent.internal.kotlin.CoroutineAdapter;
import dev.taskflight.agent.internal.kotlin.CoroutineHooks;
import dev.taskflight.agent.internal.threadpool.TpeAdvice;
import dev.taskflight.agent.internal.threadpool.TpeHooks;
import dev.taskflight.agent.internal.virtual.VtHooks;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.core.RecordingMode;
import dev.taskflight.recorder.core.TaskNames;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the agent, from the bootstrap class loader: parses the options, lets {@code java.base}
 * see the agent's hooks, picks the strategy for this JDK, and weaves the advice into
 * {@code ThreadPoolExecutor}, {@code ForkJoinPool} and {@code VirtualThread}, then, with
 * {@code stream=log}, starts the in-process stream in the background. On a JDK whose internals it
 * does not know, it logs one warning and only samples the common pool.
 */
public final class AgentInstaller {

    private static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AgentInstaller() {
    }

    /**
     * Installs the agent once; a second call does nothing.
     *
     * @param args the agent options, or {@code null}
     * @param instrumentation the JVM's instrumentation
     * @param agentJar the agent jar, where the advice is read from
     * @param attached whether the agent is attached to a running JVM
     * @throws IOException if the agent jar cannot be read
     */
    public static void install(String args, Instrumentation instrumentation, File agentJar, boolean attached)
            throws IOException {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        openJavaBase(instrumentation);
        AgentOptions options = AgentOptions.parse(args);
        TpeHooks.configure(options);
        FjpHooks.configure(options);
        CoroutineHooks.configure(options);
        TaskNames.resolveWith(task -> task instanceof Thread t ? VtHooks.taskClassOf(t) : TaskClasses.of(task));
        RecordingMode.force(options.mode());

        int feature = Runtime.version().feature();
        Optional<JdkStrategy> strategy = JdkStrategies.forFeature(feature);
        List<String> missing = strategy.map(JdkStrategy::missing).orElse(List.of());
        boolean sampling = strategy.isEmpty() || !missing.isEmpty();
        if (sampling) {
            AgentFamilies.skipped(AgentInfo.FORK_JOIN, "JDK " + Runtime.version() + " internals unknown, sampled only");
        } else {
            AgentFamilies.hooked(AgentInfo.FORK_JOIN);
            if (feature >= 21) {
                AgentFamilies.hooked(AgentInfo.VIRTUAL_THREADS);
            }
        }
        if (strategy.isEmpty()) {
            AgentLog.warn("JDK " + feature + " is not one the agent knows (17, 21, 25 lines); ForkJoinPool"
                    + " and virtual threads are only sampled");
        } else if (!missing.isEmpty()) {
            AgentLog.warn("this JDK " + Runtime.version() + " lacks the internals of the " + strategy.get().name()
                    + " strategy (" + String.join(", ", missing) + "); ForkJoinPool and virtual threads are"
                    + " only sampled");
        }

        // Byte Buddy must not reach for sun.misc.Unsafe (JDK 24+ warns on stderr): the agent never
        // injects classes, it only weaves advice.
        System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        Weaver weaver = new Weaver(ClassFileLocator.ForJarFile.of(agentJar));
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .ignore(ElementMatchers.none())
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN)
                .with(new FailureListener());
        List<String> tpeMissing = ThreadPoolShape.missingThreadPool();
        if (tpeMissing.isEmpty()) {
            AgentFamilies.hooked(AgentInfo.THREAD_POOLS);
            builder = weaver.weave(builder, TPE, TpeAdvice.Constructed.class, isConstructor().and(takesArguments(7)));
            builder = weaver.weave(builder, TPE, TpeAdvice.RunWorker.class, named("runWorker").and(takesArguments(1)));
            builder = weaver.weave(builder, TPE, TpeAdvice.GetTask.class, named("getTask").and(takesArguments(0)));
            builder = weaver.weave(builder, TPE, TpeAdvice.Execute.class, named("execute").and(takesArguments(1)));
        } else {
            AgentLog.warn("ThreadPoolExecutor internals not found (" + String.join(", ", tpeMissing)
                    + "); thread pools are not instrumented");
            AgentFamilies.skipped(AgentInfo.THREAD_POOLS, "internals not found: " + String.join(", ", tpeMissing));
        }
        if (!sampling) {
            builder = strategy.get().instrument(builder, weaver);
        }
        builder = CoroutineAdapter.instrument(builder, weaver);
        builder.installOn(instrumentation);
        AgentInfo.install(options, attached);
        if (sampling) {
            PoolRegistry.ensureCommonPool();
        }
        AgentStream.startIfAsked(options);
        AgentLog.debug("installed (" + (sampling ? "sampling" : strategy.get().name()) + ", "
                + options.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode" + (attached ? ", attached" : "") + ")");
    }

    /** Lets {@code java.base} call the hooks, and the hooks read the executors' private fields. */
    private static void openJavaBase(Instrumentation instrumentation) {
        Module base = Object.class.getModule();
        Module agent = AgentInstaller.class.getModule();
        instrumentation.redefineModule(base, Set.of(agent), Map.of(),
                Map.of("java.util.concurrent", Set.of(agent), "java.lang", Set.of(agent)), Set.of(), Map.of());
    }

    /** Logs the first class the agent could not instrument; the class stays as it was. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final AtomicBoolean reported = new AtomicBoolean();

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            if (reported.compareAndSet(false, true)) {
                AgentLog.warn("cannot instrument " + typeName + ", left unchanged: " + throwable);
            }
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, net.bytebuddy.dynamic.DynamicType dynamicType) {
            AgentLog.debug("instrumented " + typeDescription.getName());
        }
    }

    /** The {@code ThreadPoolExecutor} internals, the same on every JDK line. */
    private static final class ThreadPoolShape {
        static List<String> missingThreadPool() {
            List<String> missing = new java.util.ArrayList<>();
            for (String m : new String[] {
                    Weaver.missing(TPE, "runWorker", TPE + "$Worker"),
                    Weaver.missing(TPE, "getTask"),
                    Weaver.missing(TPE, "execute", Runnable.class.getName()),
                    Weaver.missingField(TPE, "workQueue"),
                    Weaver.missingField(TPE + "$Worker", "firstTask")}) {
                if (m != null) {
                    missing.add(m);
                }
            }
            return missing;
        }
    }
}
