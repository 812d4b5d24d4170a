package dev.taskflight.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The entry point of {@code taskflight-agent.jar}, for {@code -javaagent:} at start-up and for
 * attaching to a running JVM.
 *
 * <p>The JDK's schedulers live in {@code java.base}, loaded by the bootstrap class loader, so every
 * class the instrumented JDK code calls must be visible there. The jar's manifest names itself in
 * {@code Boot-Class-Path}, so that with {@code -javaagent:} the JVM puts it on the boot class path
 * before this class loads; when that did not happen (the jar was renamed, or the agent is attached
 * to a running JVM) this class appends the jar itself, which makes the JVM warn that class-data
 * sharing is then limited to boot classes. Either way the agent's classes, the recorder core,
 * the event classes and the analysis engine (for {@code stream=log}) exist once, in the bootstrap
 * loader. Byte Buddy and HdrHistogram are relocated inside the jar and cannot clash with an
 * application's copy. Nothing here ever throws into the JVM: a failure is one warning and the
 * application runs unmonitored.
 *
 * <p>Options, comma-separated: {@code mode=production|trace}, {@code include=glob|glob},
 * {@code exclude=glob|glob}, {@code stream=log|none}, {@code stream.interval=10s},
 * {@code stream.dump-on=critical|warning|info}, {@code stream.dump-dir=DIR}; see {@code docs/agent.md}.
 */
public final class TaskflightAgent {

    private static final String INSTALLER = "dev.taskflight.agent.internal.AgentInstaller";

    private TaskflightAgent() {
    }

    /**
     * Installs the agent before {@code main}, as {@code -javaagent:taskflight-agent.jar[=options]}.
     *
     * @param options the agent options, or {@code null}
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    /**
     * Installs the agent into a running JVM.
     *
     * @param options the agent options, or {@code null}
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    private static void start(String options, Instrumentation instrumentation, boolean attached) {
        try {
            File jar = agentJar();
            if (TaskflightAgent.class.getClassLoader() != null) {
                instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            Class<?> installer = Class.forName(INSTALLER, true, null);
            Method install = installer.getMethod("install",
                    String.class, Instrumentation.class, File.class, boolean.class);
            install.invoke(null, options, instrumentation, jar, attached);
        } catch (Throwable t) {
            System.getLogger(TaskflightAgent.class.getName()).log(System.Logger.Level.WARNING,
                    "Taskflight agent not installed, the application runs unmonitored: " + t);
        }
    }

    private static File agentJar() throws Exception {
        URL self = TaskflightAgent.class.getResource("TaskflightAgent.class");
        String url = self == null ? "" : self.toString();
        if (!url.startsWith("jar:") || url.indexOf("!/") < 0) {
            throw new IllegalStateException("not loaded from a jar: " + url);
        }
        return new File(new URL(url.substring(4, url.indexOf("!/"))).toURI());
    }
}
