package dev.taskflight.analysis.report;

import java.time.Instant;
import java.util.List;

/**
 * What a pool's workers were doing while tasks waited to run: for the longest scheduling delays of a
 * pool, which polls held its workers during each wait (by task class, with the code sites CPU
 * samples saw on the workers then), and how much of the workers' time during the waits was idle.
 * Workers idle while a task waited point at a lost wake-up or a starved pool; workers all busy with
 * one task class point at that class.
 *
 * @param pool the pool, not {@code null}
 * @param workers the workers counted as the pool's capacity during the waits
 * @param delays the longest delays, longest first, each explained; not {@code null}
 * @param heldBy the task classes whose polls held workers during all of those waits, the most
 *        worker time first, with {@link #IDLE} for the idle share; not {@code null}
 * @param sites the code sites CPU samples saw on the pool's workers during the waits, not {@code null}
 */
public record DelayExplanation(String pool, int workers, List<Delay> delays, List<Holder> heldBy,
        List<FrameCount> sites) {

    /** The holder standing for idle workers. */
    public static final String IDLE = "(idle)";

    /** Copies the lists. */
    public DelayExplanation {
        delays = List.copyOf(delays);
        heldBy = List.copyOf(heldBy);
        sites = List.copyOf(sites);
    }

    /**
     * One long scheduling delay.
     *
     * @param taskClass the class of the task that waited, {@code ""} if unknown
     * @param worker the worker that finally ran it, -1 if unknown
     * @param waitStart when the wait began, not {@code null}
     * @param delayNanos how long it waited
     * @param heldBy what held the workers during the wait, the most worker time first, not {@code null}
     */
    public record Delay(String taskClass, int worker, Instant waitStart, long delayNanos, List<Holder> heldBy) {

        /** Copies the list. */
        public Delay {
            heldBy = List.copyOf(heldBy);
        }
    }

    /**
     * A task class that held the pool's workers during waits, or {@link #IDLE}.
     *
     * @param taskClass the task class, {@link #IDLE} for idle workers, not {@code null}
     * @param nanos the worker time
     * @param share {@code nanos} as a fraction of the workers' time during the waits, 0 to 1
     */
    public record Holder(String taskClass, long nanos, double share) {
    }

    /**
     * Returns a one-line English summary, such as {@code "workers held by com.acme.Slow 93%, idle 7%"}.
     *
     * @param max how many holders to name
     * @return the summary, not {@code null}
     */
    public String describe(int max) {
        return describe(heldBy, max);
    }

    /**
     * Returns a one-line English summary of holders.
     *
     * @param holders the holders, not {@code null}
     * @param max how many to name
     * @return the summary, not {@code null}
     */
    public static String describe(List<Holder> holders, int max) {
        if (holders.isEmpty()) {
            return "nothing recorded on the workers";
        }
        StringBuilder b = new StringBuilder("workers ");
        int shown = 0;
        for (Holder h : holders) {
            if (shown == max) {
                break;
            }
            b.append(shown++ == 0 ? "" : ", ");
            b.append(IDLE.equals(h.taskClass()) ? "idle" : "held by " + (h.taskClass().isEmpty() ? "unknown tasks" : h.taskClass()))
                    .append(' ').append(Math.round(h.share() * 100)).append('%');
        }
        return b.toString();
    }
}
