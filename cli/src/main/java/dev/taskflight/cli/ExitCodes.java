package dev.taskflight.cli;

import dev.taskflight.analysis.source.RecordingProblem;

/** The exit codes of {@code jfr-analyze}, in one place; {@code --help} lists them. */
public final class ExitCodes {

    /** Analyzed; no finding at or above {@code --fail-on} (or no {@code --fail-on}). */
    public static final int OK = 0;
    /** Analyzed; a finding at or above the {@code --fail-on} severity. */
    public static final int FINDINGS = 1;
    /** Wrong options or arguments. */
    public static final int USAGE = 2;
    /** No such file, a directory, or a file that cannot be read. */
    public static final int CANNOT_READ = 3;
    /** An empty file, or a file that is not a JFR recording. */
    public static final int NOT_A_RECORDING = 4;
    /** A JFR recording of a format version this tool cannot read. */
    public static final int UNSUPPORTED_VERSION = 5;
    /** A JFR recording damaged before anything could be read. */
    public static final int CORRUPT = 6;
    /**
     * {@code stream}: the monitored JVM exited or disconnected, or its stream could not be read further, or
     * {@code --duration} passed before any Taskflight event arrived.
     */
    public static final int STREAM_ENDED = 7;
    /**
     * {@code stream --pid/--jmx} (and {@code --repository} with {@code --dump-on}): no such JVM, or it cannot
     * be attached or connected to.
     */
    public static final int NO_TARGET = 8;
    /** {@code timeline} and {@code report}: the output file cannot be written (nothing is left half-written). */
    public static final int CANNOT_WRITE = 9;
    /** {@code timeline}: the output would be larger than {@code --max-size}; a time window is suggested. */
    public static final int TOO_LARGE = 10;
    /** {@code attach}: the Taskflight agent is already loaded in that JVM. */
    public static final int ALREADY_LOADED = 11;
    /**
     * {@code attach}: the JVM refused the agent (dynamic loading of agents is off, {@code
     * -XX:-EnableDynamicAgentLoading}), or the agent did not install.
     */
    public static final int AGENT_REFUSED = 12;
    /** A bug in jfr-analyze. */
    public static final int INTERNAL_ERROR = 70;

    /** The exit-code section of {@code jfr-analyze --help}, every command's codes: {@code code:description} pairs. */
    static final String[] HELP = {
        OK + ":Analyzed; no finding at or above --fail-on (a damaged file is analyzed up to the damage,"
                + " with a warning)",
        FINDINGS + ":Analyzed; a finding at or above the --fail-on severity",
        USAGE + ":Wrong options or arguments",
        CANNOT_READ + ":No such file, a directory, or a file that cannot be read",
        NOT_A_RECORDING + ":An empty file, or not a JFR recording",
        UNSUPPORTED_VERSION + ":A JFR recording of a format version this tool cannot read",
        CORRUPT + ":A JFR recording damaged before anything could be read",
        STREAM_ENDED + ":stream: the monitored JVM exited or disconnected, or --duration passed before any"
                + " Taskflight event arrived (one line says why)",
        NO_TARGET + ":stream --pid/--jmx (or --repository with --dump-on): no such JVM, or cannot attach or"
                + " connect to it (or authentication failed)",
        CANNOT_WRITE + ":timeline/report: the output file cannot be written (none is left half-written)",
        TOO_LARGE + ":timeline: the output would exceed --max-size (one line suggests a window)",
        ALREADY_LOADED + ":attach: the Taskflight agent is already loaded in that JVM",
        AGENT_REFUSED + ":attach: the JVM refused the agent (it needs -XX:+EnableDynamicAgentLoading), or the"
                + " agent did not install",
        INTERNAL_ERROR + ":Internal error (a bug: please report it)",
    };

    /** The exit-code section of {@code stream --help}: only the codes {@code stream} returns. */
    static final String[] STREAM_HELP = {
        OK + ":Streamed until --duration passed",
        USAGE + ":Wrong options or arguments",
        CANNOT_READ + ":--repository is not a directory, or a file named by an option cannot be read",
        STREAM_ENDED + ":The monitored JVM exited or disconnected, or --duration passed before any Taskflight"
                + " event arrived (one line says why)",
        NO_TARGET + ":--pid/--jmx (or --repository with --dump-on): no such JVM, or cannot attach or connect to"
                + " it (or authentication failed)",
        INTERNAL_ERROR + ":Internal error (a bug: please report it)",
    };

    /** The exit-code section of {@code attach --help}. */
    static final String[] ATTACH_HELP = {
        OK + ":Attached (and, with --stream, streamed until --duration passed)",
        USAGE + ":Wrong options or arguments, or the agent ignored its options (it runs with the defaults)",
        CANNOT_READ + ":The agent jar is missing",
        STREAM_ENDED + ":--stream: the JVM exited, or --duration passed before any Taskflight event arrived",
        NO_TARGET + ":No such process, not a Java VM, a JVM of another user, or one that does not allow"
                + " attaching (-XX:+DisableAttachMechanism)",
        ALREADY_LOADED + ":The Taskflight agent is already loaded in that JVM",
        AGENT_REFUSED + ":The JVM refused the agent (it needs -XX:+EnableDynamicAgentLoading), or the agent did"
                + " not install",
        INTERNAL_ERROR + ":Internal error (a bug: please report it)",
    };

    /**
     * Returns the exit-code section of a command's {@code --help}: the codes that command returns.
     *
     * @param command the command's name, {@link Cli#NAME} for the tool itself
     */
    static String[] help(String command) {
        if (command.equals("stream")) {
            return STREAM_HELP;
        }
        if (command.equals("attach")) {
            return ATTACH_HELP;
        }
        if (command.equals(Cli.NAME)) {
            return HELP;
        }
        return java.util.Arrays.stream(HELP).filter(line -> !line.contains("stream") && !line.contains("attach")).toArray(String[]::new);
    }

    private ExitCodes() {
    }

    /** Returns the exit code for a file that cannot be analyzed. */
    static int of(RecordingProblem problem) {
        switch (problem) {
            case NOT_FOUND:
            case DIRECTORY:
            case UNREADABLE:
                return CANNOT_READ;
            case EMPTY:
            case NOT_A_RECORDING:
                return NOT_A_RECORDING;
            case UNSUPPORTED_VERSION:
                return UNSUPPORTED_VERSION;
            default:
                return CORRUPT;
        }
    }
}
