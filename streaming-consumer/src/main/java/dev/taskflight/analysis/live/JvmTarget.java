package dev.taskflight.analysis.live;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running JVM on this host, found by process id: where its flight recorder writes its disk
 * repository. Uses the Attach API to read the target's system property {@value #REPOSITORY_PROPERTY},
 * which the JVM sets once a recording has started; nothing is loaded into the target.
 */
public final class JvmTarget {

    /** The system property holding a JVM's current repository directory. */
    public static final String REPOSITORY_PROPERTY = "jdk.jfr.repository";
    /** A repository directory's name ends with the owning JVM's process id: {@code 2026_11_21_06_49_41_3864}. */
    private static final Pattern PID_SUFFIX = Pattern.compile("_(\\d+)$");

    private JvmTarget() {
    }

    /**
     * Returns the repository of a running JVM.
     *
     * @param pid the process id
     * @return the repository directory, not {@code null}
     * @throws TargetException if the JVM cannot be attached to, or has no recording running
     */
    public static Path repository(long pid) throws TargetException {
        return repositoryIfRecording(pid).orElseThrow(() -> new TargetException("JVM " + pid + " has no flight"
                + " recording running; start one with -XX:StartFlightRecording or 'jcmd " + pid + " JFR.start'", null));
    }

    /**
     * Returns the repository of a running JVM if a recording runs in it.
     *
     * @param pid the process id
     * @return the repository directory, empty if no recording has started in that JVM
     * @throws TargetException if the JVM cannot be attached to
     */
    public static Optional<Path> repositoryIfRecording(long pid) throws TargetException {
        String dir = withVm(pid, vm -> vm.getSystemProperties().getProperty(REPOSITORY_PROPERTY));
        return dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir)) ? Optional.empty()
                : Optional.of(Path.of(dir));
    }

    /**
     * Starts the JMX agent of a running JVM for local connections only (as {@code jcmd PID
     * ManagementAgent.start_local} does: an ephemeral port that accepts connections from this host
     * only), or finds it running.
     *
     * @param pid the process id
     * @return the agent's JMX service URL, not {@code null}
     * @throws TargetException if the JVM cannot be attached to, or refuses to start its agent
     */
    public static String localJmxUrl(long pid) throws TargetException {
        return withVm(pid, VirtualMachine::startLocalManagementAgent);
    }

    private interface VmCall<T> {
        T call(VirtualMachine vm) throws IOException;
    }

    private static <T> T withVm(long pid, VmCall<T> call) throws TargetException {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                return call.call(vm);
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TargetException("cannot attach to JVM " + pid + ": " + m, e);
        }
    }

    /**
     * Returns the process owning a repository, from the process id the JVM puts at the end of the
     * directory's name, if that process is running on this host.
     *
     * @param repository the repository directory, not {@code null}
     * @return the process, empty if the name has no process id or no such process runs
     */
    public static Optional<ProcessHandle> ownerOf(Path repository) {
        Path name = repository.toAbsolutePath().normalize().getFileName();
        Matcher m = PID_SUFFIX.matcher(name == null ? "" : name.toString());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A JVM that cannot be streamed from; the message is one sentence. */
    public static final class TargetException extends Exception {
        private static final long serialVersionUID = 1L;

        TargetException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
