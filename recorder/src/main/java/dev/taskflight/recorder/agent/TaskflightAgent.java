package dev.taskflight.recorder.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * The entry point of {@code taskflight-agent.jar}, for {@code -javaagent:} at start-up and for
 * attaching to a running JVM.
 *
 * <p>The JDK's schedulers live in {@code java.base}, loaded by the bootstrap class loader, so every
 * class the instrumented JDK code calls must be visible there. This class therefore does one thing:
 * it appends its own jar to the bootstrap class path and hands over to the installer, loaded from
 * there, so that the agent's classes, the recorder core and the event classes exist once, in the
 * bootstrap loader. Byte Buddy is relocated inside the jar and cannot clash with an application's
 * copy. Nothing here ever throws into the JVM: a failure is one warning and the application runs
 * unmonitored.
 *
 * <p>Options, comma-separated: {@code mode=production|trace}, {@code include=glob|glob},
 * {@code exclude=glob|glob}, {@code stream=log|none}; see {@code docs/agent.md}.
 */
public final class TaskflightAgent {

    private static final String INSTALLER = "dev.taskflight.recorder.agent.internal.AgentInstaller";

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
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
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
        CodeSource source = TaskflightAgent.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IllegalStateException("cannot locate taskflight-agent.jar");
        }
        return new File(location.toURI());
    }
}
