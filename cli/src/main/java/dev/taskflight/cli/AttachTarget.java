package dev.taskflight.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.Optional;

/** Attaching to a JVM by pid, with one sentence for each way it can fail. */
final class AttachTarget {

    private AttachTarget() {
    }

    /**
     * Attaches to a running JVM, after checking that the process is one (the Attach API would otherwise send
     * a non-Java process SIGQUIT, which ends most programs).
     *
     * @param pid the process id
     * @param process the process
     * @return the attached JVM; detach it after use
     * @throws Refused with one sentence saying why not
     */
    static VirtualMachine attach(long pid, ProcessHandle process) throws Refused {
        String id = Long.toString(pid);
        boolean listed = VirtualMachine.list().stream().map(VirtualMachineDescriptor::id).anyMatch(id::equals);
        Optional<String> command = process.info().command();
        boolean java = command.map(c -> c.endsWith("/java") || c.endsWith("\\java.exe")).orElse(false);
        Optional<String> owner = process.info().user();
        String me = System.getProperty("user.name");
        if (!listed && !java) {
            if (owner.isPresent() && !owner.get().equals(me)) {
                throw new Refused("process " + pid + " runs as user " + owner.get() + ", not " + me + "; run"
                        + " jfr-analyze as that user (sudo -u " + owner.get() + " ...), as the JVM allows only its own"
                        + " user to attach");
            }
            throw new Refused("process " + pid + " (" + command.orElse("command unknown") + ") is not a Java VM");
        }
        try {
            return VirtualMachine.attach(id);
        } catch (AttachNotSupportedException e) {
            String m = message(e);
            if (m.contains("does not support the attach mechanism")) {
                throw new Refused("JVM " + pid + " does not allow attaching (it runs with -XX:+DisableAttachMechanism);"
                        + " restart it without that flag, or with -javaagent:");
            }
            throw new Refused(cannot(pid, owner, me, m));
        } catch (IOException | RuntimeException e) {
            throw new Refused(cannot(pid, owner, me, message(e)));
        }
    }

    private static String cannot(long pid, Optional<String> owner, String me, String why) {
        if (owner.isPresent() && !owner.get().equals(me)) {
            return "cannot attach to JVM " + pid + ": it runs as user " + owner.get() + ", not " + me + "; run"
                    + " jfr-analyze as that user (sudo -u " + owner.get() + " ...)";
        }
        return "cannot attach to JVM " + pid + ": " + why;
    }

    /** @return the message of an attach failure, on one line */
    static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    /** @return the flag that lets the JVM load agents, when the failure says dynamic loading is off */
    static String dynamicLoadingHint(Exception e) {
        return message(e).contains("EnableDynamicAgentLoading") || message(e).contains("ynamic agent loading")
                ? " (restart it with -XX:+EnableDynamicAgentLoading, or load the agent with -javaagent:)" : "";
    }

    /** @return the feature release of a {@code java.specification.version} ({@code 1.8} gives 8) */
    static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        try {
            return Integer.parseInt(v.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Attaching is not possible; the message is one sentence. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
