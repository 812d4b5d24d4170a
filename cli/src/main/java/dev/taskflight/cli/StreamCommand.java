package dev.taskflight.cli;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.live.AnomalyDumper;
import dev.taskflight.analysis.live.IntervalAnalyzer;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.IntervalReport;
import dev.taskflight.analysis.live.JmxTarget;
import dev.taskflight.analysis.live.JvmTarget;
import dev.taskflight.analysis.live.KeyValueFormat;
import dev.taskflight.analysis.live.LiveStream;
import dev.taskflight.analysis.live.StillRunning;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.cli.json.IntervalJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.EventStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jfr-analyze stream --pid N | --repository DIR | --jmx HOST:PORT}: the findings of a running JVM, interval by
 * interval, as key=value lines or JSON lines, until the JVM exits or {@code --duration} passes.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Streams a running JVM on this host: one line per pool per interval (polls, busy ratio,"
                + " idle workers, long polls, scheduling delay, queue depth, steals) and a line per long poll or"
                + " idle worker, with the same findings as the offline analysis.",
            "--repository reads a recording JVM's repository directly. --pid finds the repository through the"
                + " Attach API, or, when no recording runs (or with --dump-on), starts the JVM's local JMX agent and"
                + " records through it, as --jmx does (RemoteRecordingStream). --repository with --dump-on streams"
                + " the JVM whose pid ends the directory's name that way."})
final class StreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the events come from. */
    static final class Source {
        @Option(names = "--pid", paramLabel = "PID", description = "A running JVM on this host, by process id.")
        Long pid;

        @Option(names = "--repository", paramLabel = "DIR",
                description = "A running JVM's disk repository (its jdk.jfr.repository directory).")
        Path repository;

        @Option(names = "--jmx", paramLabel = "HOST:PORT",
                description = "A JVM's JMX agent (com.sun.management.jmxremote.port); starts a recording in it.")
        String jmx;
    }

    @Option(names = "--jmx-user", paramLabel = "USER", description = "--jmx: the JMX user name.")
    String jmxUser;

    @Option(names = "--jmx-password-file", paramLabel = "FILE",
            description = "--jmx: a file whose first line is the JMX password.")
    Path jmxPasswordFile;

    @Option(names = "--jmx-tls", description = "--jmx: the RMI registry uses TLS (com.sun.management.jmxremote"
            + ".registry.ssl); trust and key stores are the standard javax.net.ssl.* system properties (set them"
            + " with JFR_ANALYZE_JAVA_OPTS or JAVA_TOOL_OPTIONS).")
    boolean jmxTls;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "The length of an interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (exit code 0; 7 if no Taskflight event arrived by then, as when it is"
                    + " shorter than setting up the stream). Default: until the JVM exits.")
    Duration duration;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: key=value lines (default); json: JSON lines (docs/streaming.md).")
    OutputFormat format;

    @Option(names = "--still-running", paramLabel = "all|critical|off", defaultValue = "all",
            description = "Lines for a poll still running (the agent's watchdog): all (default) when first reported,"
                    + " again when it passes --long-poll-critical and when it ends; critical: only once past"
                    + " --long-poll-critical, and when it ends; off: none. A line with no frame is followed by one"
                    + " that names it once the watchdog has taken a stack.")
    StillRunning stillRunning;

    @Option(names = "--reconnect", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "--jmx: when the JVM goes away, connect again (backing off from 1s to 30s) for up to"
                    + " this long; the stream ends with exit code 7 if it does not come back.")
    Duration reconnectFor;

    @Option(names = "--dump-on", paramLabel = "info|warning|critical", converter = SeverityConverter.class,
            description = "--jmx, --pid, --repository: when a finding of this severity or higher fires, write the"
                    + " recording's last"
                    + " --dump-max-age to a taskflight-TIME.jfr file in --dump-dir, and print its path; at most"
                    + " one dump per --dump-max-age.")
    Severity dumpOn;

    @Option(names = "--dump-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where dumps go (default: the current directory).")
    Path dumpDir;

    @Option(names = "--dump-max-files", paramLabel = "N", defaultValue = "5",
            description = "Dumps kept; the oldest are deleted (default: ${DEFAULT-VALUE}).")
    int dumpMaxFiles;

    @Option(names = "--dump-max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "60s", description = "How far back a dump goes (default: ${DEFAULT-VALUE}).")
    Duration dumpMaxAge;

    @Option(names = "--dump-max-mb", paramLabel = "MB", defaultValue = "100",
            description = "The most recording data kept for a dump, in megabytes (default: ${DEFAULT-VALUE}).")
    long dumpMaxMb;

    @ArgGroup(exclusive = false, heading = "%nThresholds (defaults are the design's; durations like 10ms, 2.5ms, 500us, 1s):%n")
    CommonOptions.Thresholds thresholds = new CommonOptions.Thresholds();

    @Override
    public Integer call() throws InterruptedException {
        IntervalOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.jmx != null) {
            return jmx(options, out, err);
        }
        if (reconnectFor != null) {
            throw new ParameterException(spec.commandLine(), "--reconnect needs --jmx (a restarted JVM has a new pid"
                    + " and repository)");
        }
        Path repository;
        Optional<LiveStream.Target> target;
        if (source.pid != null) {
            Optional<Path> recording;
            try {
                recording = dumpOn == null ? JvmTarget.repositoryIfRecording(source.pid) : Optional.empty();
            } catch (JvmTarget.TargetException e) {
                return fail(err, ExitCodes.NO_TARGET, e.getMessage());
            }
            if (recording.isEmpty()) {
                return localJmx(source.pid, options, out, err);
            }
            repository = recording.get();
            target = ProcessHandle.of(source.pid).map(LiveStream.Target::of);
        } else {
            repository = source.repository;
            if (!Files.isDirectory(repository)) {
                return fail(err, ExitCodes.CANNOT_READ, repository + " is not a directory");
            }
            Optional<ProcessHandle> owner = JvmTarget.ownerOf(repository);
            if (dumpOn != null) {
                // A dump needs a recording jfr-analyze controls: stream the owner as --pid --dump-on does.
                if (owner.isEmpty()) {
                    return fail(err, ExitCodes.NO_TARGET, "--dump-on needs the running JVM that owns " + repository
                            + ", and its name does not end in _<pid> of a running process");
                }
                return localJmx(owner.get().pid(), options, out, err);
            }
            target = owner.map(LiveStream.Target::of);
        }
        IntervalAnalyzer analyzer = new IntervalAnalyzer(options, repository.toString(), i -> write(out, i));
        LiveStream.End end;
        try {
            end = LiveStream.run(EventStream.openRepository(repository), analyzer, target,
                    Optional.ofNullable(duration));
        } catch (IOException e) {
            return fail(err, ExitCodes.CANNOT_READ, "cannot read " + repository + ": " + e.getMessage());
        }
        return ended(end, out, err);
    }

    private int jmx(IntervalOptions options, PrintWriter out, PrintWriter err) throws InterruptedException {
        char[] password = null;
        if (jmxPasswordFile != null) {
            try {
                password = Files.readAllLines(jmxPasswordFile).stream().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                return fail(err, ExitCodes.CANNOT_READ, "cannot read " + jmxPasswordFile + ": " + e.getMessage());
            }
        }
        if (password != null && jmxUser == null) {
            throw new ParameterException(spec.commandLine(), "--jmx-password-file needs --jmx-user");
        }
        AnomalyDumper.Options dumps = dumpOptions();
        char[] pw = password;
        JmxSession session = session(source.jmx, () -> JmxTarget.connect(source.jmx, jmxUser, pw, jmxTls), options,
                dumps, out);
        try {
            return ended(session.run(Optional.ofNullable(duration), Optional.ofNullable(reconnectFor), err), out, err);
        } catch (JvmTarget.TargetException e) {
            return fail(err, ExitCodes.NO_TARGET, e.getMessage());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, ' ');
            }
        }
    }

    private JmxSession session(String label, JmxSession.Connector connector, IntervalOptions options,
            AnomalyDumper.Options dumps, PrintWriter out) {
        return new JmxSession(label, connector, options,
                dumps == null ? null : new JmxSession.Dumps(dumps, dumpMaxAge, dumpMaxMb * 1024 * 1024),
                i -> write(out, i), lines -> write(out, lines));
    }

    /**
     * {@code --pid} without a recording running, or {@code --pid}/{@code --repository} with {@code --dump-on}:
     * through the JVM's local JMX agent.
     */
    private int localJmx(long pid, IntervalOptions options, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        JmxSession session = session("JVM " + pid, () -> JmxTarget.local(pid), options, dumpOptions(), out);
        try {
            return ended(session.run(Optional.ofNullable(duration), Optional.empty(), err), out, err);
        } catch (JvmTarget.TargetException e) {
            return fail(err, ExitCodes.NO_TARGET, e.getMessage());
        }
    }

    private AnomalyDumper.Options dumpOptions() {
        if (dumpOn == null) {
            return null;
        }
        if (dumpMaxFiles < 1 || dumpMaxMb < 1 || dumpMaxAge.isNegative() || dumpMaxAge.isZero()) {
            throw new ParameterException(spec.commandLine(),
                    "--dump-max-files, --dump-max-mb and --dump-max-age must be positive");
        }
        return new AnomalyDumper.Options(dumpOn, dumpDir, dumpMaxFiles, dumpMaxAge);
    }

    private int ended(LiveStream.End end, PrintWriter out, PrintWriter err) {
        out.flush();
        if (end.reason() == LiveStream.Reason.STOPPED && end.intervals() == 0) {
            return fail(err, ExitCodes.STREAM_ENDED, "nothing to report: --duration " + Units.duration(duration.toNanos())
                    + " passed before any Taskflight event arrived (setting up the stream takes seconds; or the JVM"
                    + " records no Taskflight events)");
        }
        if (end.reason() == LiveStream.Reason.STOPPED) {
            return ExitCodes.OK;
        }
        return fail(err, ExitCodes.STREAM_ENDED, "stream ended: " + end.message() + " (after " + end.intervals()
                + (end.intervals() == 1 ? " interval)" : " intervals)"));
    }

    private IntervalOptions options() {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive");
        }
        try {
            CommonOptions common = new CommonOptions();
            common.thresholds = thresholds;
            AnalysisOptions analysis = common.analysisOptions();
            return IntervalOptions.DEFAULT.withInterval(interval).withAnalysis(analysis).withStillRunning(stillRunning);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void write(PrintWriter out, IntervalReport interval) {
        write(out, format == OutputFormat.json ? IntervalJson.lines(interval) : KeyValueFormat.lines(interval));
    }

    private static void write(PrintWriter out, List<String> lines) {
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println(Cli.NAME + ": " + message);
        err.flush();
        return code;
    }
}
