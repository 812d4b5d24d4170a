package dev.taskflight.agent.internal;

import dev.taskflight.agent.internal.forkjoin.FjpHooks;
import dev.taskflight.agent.internal.jdk.JdkStrategies;
import dev.taskflight.agent.internal.jdk.JdkStrategy;
import dev.taskflight.agent.internal.adapter.Adapters;
import dev.taskflight.agent.internal.adapter.Reflect;
import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.Weaver;
import dev.taskflight.agent.internal.pool.PoolWorkers;
import dev.taskflight.agent.internal.threadpool.TpeHooks;
import dev.taskflight.agent.internal.kotlin.CoroutineAdapter;
import dev.taskflight.agent.internal.kotlin.CoroutineHooks;
import dev.taskflight.agent.internal.lambda.LambdaAdvice;
import dev.taskflight.agent.internal.lambda.LambdaNames;
import dev.taskflight.agent.internal.virtual.CarrierEventWriter;
import dev.taskflight.agent.internal.virtual.VtHooks;
import dev.taskflight.recorder.core.PoolRegistry;
import dev.taskflight.recorder.internal.worker.QueueDepth;
import dev.taskflight.recorder.core.RecordingMode;
import dev.taskflight.recorder.core.TaskNames;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
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
 * see the agent's hooks, adds every scheduler adapter ({@link Adapters}: the JDK's
 * {@code ThreadPoolExecutor}, the servers' pools...), picks the strategy for this JDK's
 * {@code ForkJoinPool} and {@code VirtualThread}, then, with
 * {@code stream=log}, starts the in-process stream in the background, and with {@code metrics=...} the
 * metrics exporter. On a JDK whose internals it
 * does not know, it logs one warning and only samples the common pool.
 */
public final class AgentInstaller {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final String LAMBDA_FACTORY = "java.lang.invoke.InnerClassLambdaMetafactory";

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
        PoolWorkers.configure(options);
        FjpHooks.configure(options);
        CoroutineHooks.configure(options);
        TaskNames.resolveWith(task -> task instanceof Thread t ? VtHooks.taskClassOf(t) : TaskClasses.of(task));
        TaskNames.nameLambdasWith(LambdaNames::nameOf);
        RecordingMode.force(options.mode());
        if (attached) {
            TpeHooks.attachedLate();
            FjpHooks.attachedLate();
        }

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
                CarrierEventWriter.install(instrumentation);
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
        Weaver weaver = new Weaver(ClassFileLocator.ForJarFile.of(agentJar), attached);
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN)
                .with(new FailureListener());
        for (SchedulerAdapter adapter : Adapters.all()) {
            builder = adapter.instrument(builder, weaver);
        }
        if (!sampling) {
            builder = strategy.get().instrument(builder, weaver);
        }
        builder = CoroutineAdapter.instrument(builder, weaver);
        builder = nameLambdas(builder, weaver);
        builder = weaver.filtered(builder); // last: every class the agent weaves is named by now
        // The event classes and the hooks' own classes are initialized here, on the thread that installs
        // the agent, before any woven code can call a hook: attached, the pools already run and their
        // workers enter the hooks as soon as they are woven (two Netty loops were seen waiting 20 ms for
        // each other to initialize TaskPoll under JFR's lock, a CPU hog, JDK 25); at start-up, a pool
        // started before a background thread had done it made its workers load them, and one Jetty worker
        // waited 10 ms for another that initialized a class of the agent's (CI, JDK 25). About 0.1 s of
        // premain, paid before main.
        prepare();
        builder.installOn(instrumentation);
        loadThreadPoolExecutor();
        if (!attached && options.preload()) { // attached, a library in use is loaded already, and woven by the install
            CoroutineAdapter.prepare(weaver.preload(ClassLoader.getSystemClassLoader()));
        }
        AgentInfo.install(options, attached);
        if (sampling) {
            PoolRegistry.ensureCommonPool();
        }
        AgentStream.startIfAsked(options);
        AgentMetrics.startIfAsked(options.metrics());
        startRecording(options, attached);
        AgentProperties.set(AgentProperties.VERSION, AgentInfo.version());
        String line = AgentInfo.version() + " installed (" + (sampling ? "sampling" : strategy.get().name()) + ", "
                + options.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode" + (attached ? ", attached" : "") + ")";
        if (attached) {
            AgentLog.info(line); // an operator's action: worth a line in the application's log
        } else {
            AgentLog.debug(line);
        }
    }

    /**
     * The option {@code record}: at once when attached ({@code jfr-analyze attach} reports the outcome), on a
     * thread of its own at start-up so that {@code premain} does not wait for the flight recorder.
     */
    private static void startRecording(AgentOptions options, boolean attached) {
        if (options.record() == null) {
            return;
        }
        if (attached) {
            AgentRecording.startIfAsked(options);
            return;
        }
        Thread starter = new Thread(() -> AgentRecording.startIfAsked(options), "taskflight-record-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Weaves the JDK's lambda factory so that lambda and method-reference tasks are named by their code. */
    private static AgentBuilder nameLambdas(AgentBuilder builder, Weaver weaver) {
        String missing = Weaver.missing(LAMBDA_FACTORY, "spinInnerClass");
        if (missing == null) {
            missing = Weaver.missingField("java.lang.invoke.AbstractValidatingLambdaMetafactory", "implInfo");
        }
        if (missing != null) {
            AgentLog.debug(missing + " not found: lambda tasks are named by their class only");
            return builder;
        }
        return weaver.weave(builder, LAMBDA_FACTORY, LambdaAdvice.SpinInnerClass.class,
                ElementMatchers.named("spinInnerClass").and(ElementMatchers.takesArguments(0)));
    }

    /** Loads the JDK's thread pool now, if nothing has, so that it is woven (and reported hooked) from the start. */
    private static void loadThreadPoolExecutor() {
        try {
            Class.forName("java.util.concurrent.ThreadPoolExecutor", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            AgentLog.warn("cannot load java.util.concurrent.ThreadPoolExecutor: " + e);
        }
    }

    /** Classes a pool's first worker would otherwise load (and JFR instrument) on its own thread. */
    private static final List<String> PRELOADED = List.of(
            "dev.taskflight.agent.internal.pool.PoolWorkers",
            "dev.taskflight.agent.internal.pool.AgentWorker",
            "dev.taskflight.agent.internal.pool.PoolWorkers$NewProbe",
            "dev.taskflight.agent.internal.WeakIdentityMap$Entry",
            "dev.taskflight.agent.internal.WeakIdentityMap$Constant",
            "dev.taskflight.agent.internal.PoolNames",
            "dev.taskflight.agent.internal.TaskClasses",
            // their per-class memos link lambdas when initialized: a Kotlin worker waited 14 ms for
            // another to initialize SchedulerHandles (a CPU hog, JDK 17)
            "dev.taskflight.agent.internal.ClassMemo",
            "dev.taskflight.agent.internal.kotlin.CoroutineHooks",
            "dev.taskflight.agent.internal.kotlin.CoroutineHooks$NewPools",
            "dev.taskflight.agent.internal.kotlin.SchedulerHandles",
            "dev.taskflight.agent.internal.netty.NettyHooks",
            "dev.taskflight.agent.internal.netty.NettyGroupProbe",
            "dev.taskflight.agent.internal.lambda.LambdaNames",
            "dev.taskflight.agent.internal.adapter.Reflect",
            "dev.taskflight.agent.internal.threadpool.TpeHooks",
            "dev.taskflight.agent.internal.threadpool.ExecutorFamilies",
            "dev.taskflight.agent.internal.threadpool.ExecutorFamilies$NewFamily",
            "dev.taskflight.agent.internal.threadpool.ExecutorFamilyProbe",
            "dev.taskflight.agent.internal.tomcat.TomcatPoolProbe",
            "dev.taskflight.agent.internal.tomcat.TomcatPoolProbe$Getters",
            "dev.taskflight.agent.internal.jetty.JettyHooks",
            "dev.taskflight.agent.internal.jetty.JettyHooks$ExecutorOf",
            "dev.taskflight.agent.internal.jetty.JettyPoolModel",
            "dev.taskflight.agent.internal.jetty.JettyPoolProbe",
            "dev.taskflight.agent.internal.jetty.JettyPoolProbe$Getters",
            "dev.taskflight.agent.internal.jboss.EqeHooks",
            "dev.taskflight.agent.internal.jboss.EqeModel",
            "dev.taskflight.agent.internal.jboss.EqeProbe",
            "dev.taskflight.agent.internal.jboss.EqeProbe$Getters",
            "dev.taskflight.agent.internal.forkjoin.FjWorkers",
            "dev.taskflight.agent.internal.forkjoin.FjWorkers$Entry",
            "dev.taskflight.agent.internal.forkjoin.LocalQueues",
            "dev.taskflight.agent.internal.forkjoin.AgentForkJoinPoolProbe",
            "dev.taskflight.agent.internal.kotlin.SchedulerPools",
            "dev.taskflight.agent.internal.kotlin.CoroutineSchedulerProbe",
            "dev.taskflight.recorder.core.ForkJoinPoolProbe",
            // what a recording's start runs on the thread that starts it: -XX:StartFlightRecording's is main
            "dev.taskflight.recorder.core.Watchdog",
            "dev.taskflight.recorder.core.Watchdog$RegistryPools",
            "dev.taskflight.recorder.core.Watchdog$NanoClock",
            "dev.taskflight.recorder.core.StallReporter",
            "dev.taskflight.recorder.core.ThreadPoolProbe",
            "dev.taskflight.recorder.internal.worker.QueueDepth",
            "dev.taskflight.recorder.internal.worker.QueueDepth$JdkCount",
            "dev.taskflight.recorder.core.WorkerProbe",
            "dev.taskflight.recorder.core.PollTimer",
            "dev.taskflight.recorder.core.PollCpu",
            "dev.taskflight.recorder.core.WorkerIdle",
            "dev.taskflight.recorder.core.WatchState",
            "dev.taskflight.recorder.core.SubmitStamps",
            "dev.taskflight.recorder.core.SampledSubmissions",
            "dev.taskflight.recorder.core.SampledSubmissions$Stamp",
            "dev.taskflight.recorder.core.JmxTransport",
            "dev.taskflight.events.PoolField", // a new pool's probe pads its name for TaskPoll
            "java.util.concurrent.ScheduledThreadPoolExecutor",
            "java.util.concurrent.ThreadLocalRandom",
            "java.util.regex.Matcher"); // the event classes: PoolRegistry.prepare (EventClasses)

    /** As {@link #PRELOADED}, for virtual threads (JDK 21+). */
    private static final List<String> PRELOADED_VIRTUAL = List.of(
            "dev.taskflight.agent.internal.virtual.VtHooks",
            "dev.taskflight.agent.internal.virtual.VtTable");

    /** Sets the recorder's JFR hooks up, and loads and initializes the classes a pool's first worker needs. */
    private static void prepare() {
        try {
            PoolRegistry.prepare();
            for (String name : PRELOADED) {
                preload(name);
            }
            if (Runtime.version().feature() >= 21) { // the first virtual thread's creator and carrier
                for (String name : PRELOADED_VIRTUAL) {
                    preload(name);
                }
            }
            // links the naming's stack walk and patterns here, not in the first pool's constructor
            PoolNames.creationSite(ThreadPoolExecutor.class);
            PoolNames.fromThreadName("pool-1-thread-1");
            // the method-handle adaptations of library pools' getters, which their first workers look
            // up: two of a Tomcat pool's first workers were seen waiting 12 ms for the JDK to
            // initialize them (a CPU hog, JDK 17)
            Reflect.warmUp();
            // links the lock-free reads of the queues' counts that a worker makes as it parks
            QueueDepth.warmUp();
        } catch (Throwable t) {
            AgentLog.warn("cannot set up the recorder's JFR hooks ahead of the first pool: " + t);
        }
    }

    /** Loads and initializes a class; one that fails is left to its first use (and logged at debug). */
    private static void preload(String name) {
        try {
            Class.forName(name, true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            AgentLog.debug("cannot preload " + name + ": " + e);
        }
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
}
