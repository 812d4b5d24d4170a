package dev.taskflight.agent.internal;

import dev.taskflight.analysis.finding.Severity;
import dev.taskflight.analysis.live.IntervalOptions;
import dev.taskflight.analysis.live.StillRunning;
import dev.taskflight.analysis.report.Units;
import dev.taskflight.recorder.core.RecordingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The agent's options, parsed from {@code -javaagent:taskflight-agent.jar=key=value,...}.
 *
 * <p>Keys: {@code mode} ({@code auto}, the default: follow the recordings' settings; {@code production}
 * or {@code trace} to force one), {@code include} and
 * {@code exclude} (pool-name globs separated by {@code |}, {@code *} matching any run of
 * characters), {@code stream} ({@code none}, the default, or {@code log}: the in-process streaming
 * consumer writes intervals and findings to the log), and, with {@code stream=log},
 * {@code stream.interval} (a duration as {@code jfr-analyze stream --interval} reads it, default 10 s),
 * {@code stream.dump-on} ({@code info}, {@code warning} or {@code critical}: dump the recording on
 * such a finding), {@code stream.dump-dir} (where dumps go, default the working directory; needs
 * {@code stream.dump-on}) and {@code stream.still-running} ({@code all}, the default: a line when a
 * stuck poll is first reported, when it turns critical and when it ends; {@code critical}; or
 * {@code off}); {@code metrics} ({@code none}, the default; {@code prometheus}: a scrape
 * endpoint; {@code otlp}: push to an OTLP endpoint) with its {@code metrics.*} options
 * ({@link MetricsConfig}); {@code record} ({@code production}, {@code trace} or the path of a {@code .jfc} file:
 * start a flight recording with that profile unless one that records Taskflight's events runs; what
 * {@code jfr-analyze attach} asks for); {@code preload} ({@code true}, the default: the library classes the agent
 * weaves that the class path holds are loaded and woven in {@code premain}; {@code false}: each where the
 * application first loads it). Malformed options give one warning and the defaults; they
 * never stop the application.
 *
 * @param mode the mode asked for
 * @param include globs a pool name must match to be instrumented; empty for every pool
 * @param exclude globs that exclude a pool name
 * @param streamToLog whether the streaming consumer should write intervals and findings to the log
 * @param streamInterval the length of a streamed interval, at least 1 ms
 * @param dumpOn the least severity of a finding that dumps the recording, {@code null} for no dumps
 * @param dumpDir where dumps go
 * @param stillRunning which still-running lines the stream writes
 * @param metrics the metrics exporter asked for, {@link MetricsConfig#NONE} for none
 * @param record the recording to start: {@code production}, {@code trace} or a {@code .jfc} path; {@code null}
 *        for none
 * @param preload whether the library classes the agent weaves are loaded, and woven, in {@code premain}
 */
public record AgentOptions(RecordingMode.Forced mode, List<Pattern> include, List<Pattern> exclude, boolean streamToLog,
        Duration streamInterval, Severity dumpOn, Path dumpDir, StillRunning stillRunning, MetricsConfig metrics,
        String record, boolean preload) {

    /** Where dumps go unless {@code stream.dump-dir} says otherwise: the working directory. */
    public static final Path DEFAULT_DUMP_DIR = Path.of(".");
    /** The options when none are given. */
    public static final AgentOptions DEFAULTS = new AgentOptions(RecordingMode.Forced.AUTO, List.of(), List.of(), false,
            IntervalOptions.DEFAULT_INTERVAL, null, DEFAULT_DUMP_DIR, StillRunning.ALL, MetricsConfig.NONE, null, true);

    /** Copies the lists and checks the values. */
    public AgentOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(streamInterval, "streamInterval");
        Objects.requireNonNull(dumpDir, "dumpDir");
        Objects.requireNonNull(stillRunning, "stillRunning");
        Objects.requireNonNull(metrics, "metrics");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /**
     * Parses an option string; a malformed one is reported once and replaced by the defaults.
     *
     * @param text the text after {@code =} in {@code -javaagent:}, or {@code null}
     * @return the options, not {@code null}
     */
    public static AgentOptions parse(String text) {
        try {
            return parseStrictly(text);
        } catch (IllegalArgumentException e) {
            String hint = text != null && text.indexOf('=') < 0
                    ? "; jcmd JVMTI.agent_load passes only what comes before the first '=' unless the options are"
                    + " in double quotes, see docs/attach.md" : "";
            AgentLog.warn("ignoring malformed options '" + text + "' (" + e.getMessage()
                    + "); using the defaults, see docs/agent.md" + hint);
            AgentProperties.set(AgentProperties.OPTIONS_ERROR, e.getMessage() + hint);
            return DEFAULTS;
        }
    }

    /**
     * Parses an option string.
     *
     * @param text the option text, or {@code null}
     * @return the options, not {@code null}
     * @throws IllegalArgumentException if an option is unknown or has a bad value
     */
    static AgentOptions parseStrictly(String text) {
        RecordingMode.Forced mode = RecordingMode.Forced.AUTO;
        boolean log = false;
        List<Pattern> include = new ArrayList<>();
        List<Pattern> exclude = new ArrayList<>();
        Duration interval = null;
        Severity dumpOn = null;
        Path dumpDir = null;
        StillRunning stillRunning = null;
        Map<String, String> metrics = new LinkedHashMap<>();
        String record = null;
        boolean preload = true;
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        for (String option : text.split(",")) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + option + "'");
            }
            String key = option.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = option.substring(eq + 1).trim();
            if (key.equals(MetricsConfig.OPTION) || key.startsWith(MetricsConfig.OPTION + ".")) {
                metrics.put(key, value);
                continue;
            }
            switch (key) {
                case "mode":
                    mode = switch (value.toLowerCase(Locale.ROOT)) {
                        case "auto" -> RecordingMode.Forced.AUTO;
                        case "production" -> RecordingMode.Forced.PRODUCTION;
                        case "trace" -> RecordingMode.Forced.TRACE;
                        default -> throw new IllegalArgumentException("mode must be auto, production or trace");
                    };
                    break;
                case "stream":
                    log = switch (value.toLowerCase(Locale.ROOT)) {
                        case "none" -> false;
                        case "log" -> true;
                        default -> throw new IllegalArgumentException("stream must be none or log");
                    };
                    break;
                case "include":
                    include.addAll(globs(value));
                    break;
                case "exclude":
                    exclude.addAll(globs(value));
                    break;
                case "stream.interval":
                    interval = Units.parseDuration(value);
                    if (interval.compareTo(Duration.ofMillis(1)) < 0) {
                        throw new IllegalArgumentException("stream.interval must be at least 1ms");
                    }
                    break;
                case "stream.dump-on":
                    dumpOn = Severity.parse(value);
                    break;
                case "stream.dump-dir":
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("empty stream.dump-dir");
                    }
                    dumpDir = Path.of(value);
                    break;
                case "stream.still-running":
                    stillRunning = StillRunning.of(value);
                    break;
                case "record":
                    record = recordValue(value);
                    break;
                case "preload":
                    preload = bool(key, value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + key + "'");
            }
        }
        if (!log && (interval != null || dumpOn != null || dumpDir != null || stillRunning != null)) {
            throw new IllegalArgumentException(
                    "stream.interval, stream.dump-on, stream.dump-dir and stream.still-running need stream=log");
        }
        if (dumpDir != null && dumpOn == null) {
            throw new IllegalArgumentException("stream.dump-dir needs stream.dump-on");
        }
        return new AgentOptions(mode, include, exclude, log, interval == null ? IntervalOptions.DEFAULT_INTERVAL : interval,
                dumpOn, dumpDir == null ? DEFAULT_DUMP_DIR : dumpDir, stillRunning == null ? StillRunning.ALL : stillRunning,
                MetricsConfig.of(metrics), record, preload);
    }

    /**
     * Reads an option that is {@code true} or {@code false}, in any case.
     *
     * @param key the option's full key, for the message
     * @param value its value
     * @return the value
     * @throws IllegalArgumentException if it is neither
     */
    static boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }

    /** @return whether trace mode is forced */
    public boolean trace() {
        return mode == RecordingMode.Forced.TRACE;
    }

    /**
     * Returns whether a pool of this name is instrumented: it matches an include glob (or there is
     * none) and no exclude glob.
     *
     * @param poolName the pool's requested name, not {@code null}
     * @return {@code true} to instrument the pool
     */
    public boolean accepts(String poolName) {
        // loops, not streams of lambdas: this runs on a pool's first worker
        return (include.isEmpty() || anyMatches(include, poolName)) && !anyMatches(exclude, poolName);
    }

    private static boolean anyMatches(List<Pattern> globs, String poolName) {
        for (Pattern glob : globs) {
            if (glob.matcher(poolName).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String recordValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("production") || lower.equals("trace")) {
            return lower;
        }
        if (!lower.endsWith(".jfc")) {
            throw new IllegalArgumentException("record must be production, trace or the path of a .jfc file");
        }
        return value;
    }

    private static List<Pattern> globs(String value) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : value.split("\\|")) {
            if (glob.isEmpty()) {
                throw new IllegalArgumentException("empty pool-name pattern");
            }
            List<String> parts = new ArrayList<>();
            for (String part : glob.split("\\*", -1)) {
                parts.add(Pattern.quote(part));
            }
            patterns.add(Pattern.compile(String.join(".*", parts)));
        }
        return patterns;
    }
}
