package dev.taskflight.analysis.report;

import java.util.List;

/**
 * What the JDK recorded on a worker thread during one poll or idle period.
 *
 * @param causes the causes: those recorded on the thread, the largest share first, then the context
 *        for what it did not record ({@link CauseKind#context()}), the largest first; not {@code null}
 * @param cpuSamples CPU samples of the thread within the period
 * @param topFrames the top frames of those samples, the most frequent first, not {@code null}
 * @param explainedShare the share of the period the causes explain together, 0 to 1
 */
public record Explanation(List<Cause> causes, long cpuSamples, List<FrameCount> topFrames,
        double explainedShare) {

    /** An explanation with nothing recorded. */
    public static final Explanation NONE = new Explanation(List.of(), 0, List.of(), 0);

    /** Copies the lists. */
    public Explanation {
        causes = List.copyOf(causes);
        topFrames = List.copyOf(topFrames);
    }

    /**
     * Returns the cause with the largest share, if any.
     *
     * @return the main cause, or {@code null} when nothing was recorded
     */
    public Cause mainCause() {
        return causes.isEmpty() ? null : causes.get(0);
    }

    /**
     * Returns a one-line English description, such as
     * {@code "94% on CPU in com.acme.Spin.spinHard"}.
     *
     * @return the description, {@code "nothing recorded by the JDK on this thread"} when empty
     */
    public String describe() {
        if (causes.isEmpty()) {
            return "nothing recorded by the JDK on this thread";
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Cause c : causes) {
            if (shown == 3) {
                break;
            }
            if (shown++ > 0) {
                b.append("; ");
            }
            b.append(Math.round(c.share() * 100)).append("% ").append(c.kind().label());
            if (c.kind() == CauseKind.CPU) {
                if (!topFrames.isEmpty()) {
                    b.append(" in ").append(topFrames.get(0).frame());
                }
            } else if (!c.subject().isEmpty()) {
                b.append(" ").append(c.subject());
            }
        }
        return b.toString();
    }
}
