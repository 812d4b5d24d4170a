package dev.taskflight.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jfr-analyze attach PID [AGENT_OPTIONS]}: loads the Taskflight agent into a running JVM through the
 * Attach API, with its options intact, and starts a recording in it unless one that records Taskflight's
 * events runs; with {@code --stream}, then streams it as {@code stream --pid} does.
 */
@Command(name = "attach", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Loads the Taskflight agent into a running JVM on this host, without a restart, and starts a"
                + " recording there with the production profile (or --profile) unless one that records Taskflight's"
                + " events runs. Pools that exist already are found and named as well as new ones.",
            "AGENT_OPTIONS are the agent's key=value,... options (docs/agent.md), passed intact (unlike"
                + " 'jcmd PID JVMTI.agent_load', see docs/attach.md)."})
final class AttachCommand implements Callable<Integer> {

    /** The agent's system properties, set in the target once it is installed (AgentProperties in the agent). */
    static final String VERSION_PROPERTY = "taskflight.agent.version";
    static final String OPTIONS_ERROR_PROPERTY = "taskflight.agent.optionsError";
    static final String RECORDING_PROPERTY = "taskflight.agent.recording";
    /** The agent jar's file name, next to jfr-analyze.jar in the bundle and in agent/target in a checkout. */
    static final String AGENT_JAR = "taskflight-agent.jar";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The process id of a running JVM of this user.")
    long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AGENT_OPTIONS",
            description = "The agent's options, such as stream=log,include=orders-*  (quote them in a shell).")
    String agentOptions;

    @Option(names = "--agent", paramLabel = "JAR", description = "The agent jar (default: " + AGENT_JAR
            + " next to jfr-analyze.jar, or agent/target/ in a checkout).")
    Path agent;

    @Option(names = "--profile", paramLabel = "production|trace|FILE.jfc", defaultValue = "production",
            description = "The recording to start (default: ${DEFAULT-VALUE}); it keeps the last hour, at most 250 MB.")
    String profile;

    @Option(names = "--no-recording", description = "Load the agent only; start no recording.")
    boolean noRecording;

    @Option(names = "--stream", description = "Then stream the JVM, as 'stream --pid PID' does.")
    boolean stream;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "--stream: the length of an interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "--stream: stop after this long (default: until the JVM exits).")
    Duration duration;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "--stream: text (default) or json lines.")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String options = options();
        Optional<Path> jar = agent != null ? Optional.of(agent) : defaultAgentJar();
        if (jar.isEmpty() || !Files.isRegularFile(jar.get())) {
            return fail(err, ExitCodes.CANNOT_READ, "no agent jar " + jar.map(Path::toString).orElse(AGENT_JAR)
                    + "; name it with --agent");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || pid == ProcessHandle.current().pid()) {
            return fail(err, ExitCodes.NO_TARGET, "no process with pid " + pid);
        }
        VirtualMachine vm;
        try {
            vm = AttachTarget.attach(pid, process.get());
        } catch (AttachTarget.Refused e) {
            return fail(err, ExitCodes.NO_TARGET, e.getMessage());
        }
        Properties properties;
        String note;
        try {
            try {
                Properties before = vm.getSystemProperties();
                String loaded = before.getProperty(VERSION_PROPERTY);
                if (loaded != null) {
                    return fail(err, ExitCodes.ALREADY_LOADED, "the Taskflight agent " + loaded
                            + " is already loaded in JVM " + pid + recordingNote(before, false));
                }
                vm.loadAgent(jar.get().toAbsolutePath().toString(), options);
                properties = vm.getSystemProperties();
                if (properties.getProperty(VERSION_PROPERTY) == null) {
                    return fail(err, ExitCodes.AGENT_REFUSED, "the agent did not install in JVM " + pid
                            + "; its log (stderr) says why");
                }
                note = dynamicLoadingNote(vm, before);
            } finally {
                vm.detach();
            }
        } catch (AgentLoadException | AgentInitializationException e) {
            return fail(err, ExitCodes.AGENT_REFUSED, "JVM " + pid + " refused the agent: " + AttachTarget.message(e)
                    + AttachTarget.dynamicLoadingHint(e));
        } catch (IOException e) {
            return fail(err, ExitCodes.NO_TARGET, "lost JVM " + pid + " while attaching: " + AttachTarget.message(e));
        }
        String optionsError = properties.getProperty(OPTIONS_ERROR_PROPERTY);
        if (optionsError != null) {
            return fail(err, ExitCodes.USAGE, "the agent is loaded in JVM " + pid + " but ignored its options ("
                    + optionsError + ") and runs with the defaults");
        }
        out.println("attached Taskflight agent " + properties.getProperty(VERSION_PROPERTY) + " to JVM " + pid
                + " (Java " + properties.getProperty("java.version", "?") + ")" + recordingNote(properties, true));
        out.flush();
        if (note != null) {
            err.println(note);
            err.flush();
        }
        return stream ? stream() : ExitCodes.OK;
    }

    private int stream() {
        List<String> args = new ArrayList<>(List.of("stream", "--pid", Long.toString(pid), "--interval",
                interval.toMillis() + "ms", "--format", format.name()));
        if (duration != null) {
            args.add("--duration");
            args.add(duration.toMillis() + "ms");
        }
        return spec.root().commandLine().execute(args.toArray(new String[0]));
    }

    /** The agent's options as given, with {@code record=} added unless they name one or --no-recording. */
    private String options() {
        String given = agentOptions == null ? "" : agentOptions.trim();
        if (noRecording || given.matches("(^|.*,)\\s*record\\s*=.*")) {
            return given;
        }
        return given.isEmpty() ? "record=" + profile : given + ",record=" + profile;
    }

    private String recordingNote(Properties properties, boolean justAttached) {
        String recording = properties.getProperty(RECORDING_PROPERTY);
        if (recording == null) {
            return "; the agent started no recording";
        }
        if (recording.startsWith("started ") || recording.startsWith("running ")) {
            String name = recording.split(" ")[1];
            String state = !justAttached ? "runs" : recording.startsWith("started ") ? "started" : "was running";
            return "; recording '" + name + "' " + state + ": 'jfr-analyze stream --pid " + pid + "' streams it, 'jcmd "
                    + pid + " JFR.dump name=" + name + " filename=app.jfr' saves it";
        }
        return "; " + recording;
    }

    /** JDK 21+ prints a warning on the target's stderr for each dynamically loaded agent, unless the flag allows them. */
    private String dynamicLoadingNote(VirtualMachine vm, Properties target) throws IOException {
        int feature = AttachTarget.feature(target.getProperty("java.specification.version"));
        Properties agent = vm.getAgentProperties();
        String flags = agent.getProperty("sun.jvm.flags", "") + " " + agent.getProperty("sun.jvm.args", "");
        if (feature < 21 || flags.contains("+EnableDynamicAgentLoading")) {
            return null;
        }
        return Cli.NAME + ": note: JVM " + pid + " (Java " + feature + ") printed a warning about a dynamically loaded"
                + " agent on its stderr; start it with -XX:+EnableDynamicAgentLoading to allow agents without it";
    }

    /** The agent jar next to jfr-analyze.jar (the bundle), or agent/target/ of the checkout it was built in. */
    static Optional<Path> defaultAgentJar() {
        try {
            Path self = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(self) ? self : self.getParent();
            Path d = dir;
            for (int up = 0; up < 4 && d != null; up++, d = d.getParent()) {
                if (Files.isRegularFile(d.resolve(AGENT_JAR))) {
                    return Optional.of(d.resolve(AGENT_JAR));
                }
                Path built = d.resolve("agent").resolve("target").resolve(AGENT_JAR);
                if (Files.isRegularFile(built)) {
                    return Optional.of(built);
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println(Cli.NAME + ": " + message);
        err.flush();
        return code;
    }
}
