package dev.taskflight.analysis.report;

/**
 * One cause's share of a pool's long-poll time, at one subject.
 *
 * @param kind the cause, not {@code null}
 * @param subject what it was about: the code site's frame (CPU, a park without a blocker), the
 *        monitor or blocker class, the socket, the file, the pinning frame or the kind of JVM pause;
 *        {@code ""} when the JDK did not say
 * @param caller the frame that called the code site, {@code ""} when the subject is not a code site
 * @param polls the long polls in which the cause was seen
 * @param nanos the long-poll time it explains (CPU: samples times the sampling period)
 * @param share {@code nanos} as a fraction of all the pool's long-poll time, 0 to 1
 */
public record CauseShare(CauseKind kind, String subject, String caller, long polls, long nanos, double share) {

    /**
     * Returns the subject with its caller, as the reports show it: {@code com.acme.Helper.work <- com.acme.Api.get}.
     *
     * @return the text, {@code ""} without a subject
     */
    public String where() {
        return caller.isEmpty() ? subject : subject + " <- " + caller;
    }
}
