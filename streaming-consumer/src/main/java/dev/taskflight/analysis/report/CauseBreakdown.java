package dev.taskflight.analysis.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Why a pool's long polls were long: the share of all its long-poll time in each cause and subject,
 * over every long poll of the pool (not only the longest kept for explanation). Shares are
 * estimates: CPU time is counted from samples, and causes that overlap in time (a GC pause during a
 * sleep) are scaled so that the shares add up to at most 1; the rest is
 * {@link CauseKind#UNEXPLAINED}.
 *
 * @param pool the pool, not {@code null}
 * @param longPolls the long polls covered
 * @param longPollNanos their total duration
 * @param causes the causes by subject, the largest share first, {@link CauseKind#UNEXPLAINED} among
 *        them; not {@code null}
 * @param uncovered long polls not covered, beyond the analysis's limit
 */
public record CauseBreakdown(String pool, long longPolls, long longPollNanos, List<CauseShare> causes,
        long uncovered) {

    /** Copies the list. */
    public CauseBreakdown {
        causes = List.copyOf(causes);
    }

    /**
     * Returns the shares by cause kind, summed over subjects, the largest first.
     *
     * @return the kinds with their summed shares, as {@link CauseShare}s without subject, not {@code null}
     */
    public List<CauseShare> byKind() {
        Map<CauseKind, long[]> sums = new EnumMap<>(CauseKind.class);
        for (CauseShare c : causes) {
            long[] s = sums.computeIfAbsent(c.kind(), k -> new long[2]);
            s[0] = Math.max(s[0], c.polls());
            s[1] += c.nanos();
        }
        List<CauseShare> list = new ArrayList<>();
        sums.forEach((k, s) -> list.add(new CauseShare(k, "", "", s[0], s[1],
                longPollNanos <= 0 ? 0 : Math.min(1.0, (double) s[1] / longPollNanos))));
        list.sort(Comparator.comparingDouble(CauseShare::share).reversed());
        return list;
    }

    /**
     * Returns a one-line English summary of the top causes, such as
     * {@code "52% on CPU in com.acme.Spin.spin <- com.acme.Api.get; 33% sleeping in Thread.sleep"}.
     *
     * @param max how many causes to name
     * @return the summary, not {@code null}
     */
    public String describe(int max) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (CauseShare c : causes) {
            if (shown == max || shown > 0 && Math.round(c.share() * 100) == 0) {
                break;
            }
            if (shown++ > 0) {
                b.append("; ");
            }
            b.append(Math.round(c.share() * 100)).append("% ").append(c.kind().label());
            if (!c.subject().isEmpty()) {
                b.append(c.kind() == CauseKind.CPU ? " in " : " ").append(c.where());
            }
        }
        return b.toString();
    }
}
