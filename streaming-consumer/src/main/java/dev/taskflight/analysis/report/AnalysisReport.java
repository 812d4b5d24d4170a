package dev.taskflight.analysis.report;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of analyzing a recording: per-pool and per-worker statistics, the longest polls and
 * idle periods explained, and the findings. Immutable.
 *
 * @param recording what was analyzed, not {@code null}
 * @param pools the pools, by name, not {@code null}
 * @param longPolls the longest polls, longest first (bounded), not {@code null}
 * @param idleEpisodes the longest parks that woke to queued work, longest first (bounded), not {@code null}
 * @param threadGroups what the JDK's events say about pool threads, not {@code null}
 * @param pinning virtual-thread pinning, not {@code null}
 * @param findings the findings, most severe first, not {@code null}
 * @param notes plain sentences on what the recording cannot show and why, not {@code null}
 * @param warnings problems with the input, such as truncation, not {@code null}
 * @param breakdowns per pool with long polls, the share of its long-poll time in each cause, not {@code null}
 * @param delays per pool with long scheduling delays, what held its workers while tasks waited, not {@code null}
 * @param unseen application code that ran on threads outside every pool seen, not {@code null}
 */
public record AnalysisReport(RecordingInfo recording, List<PoolReport> pools, List<LongPoll> longPolls,
        List<IdleEpisode> idleEpisodes, List<ThreadGroupReport> threadGroups, PinningReport pinning,
        List<Finding> findings, List<String> notes, List<String> warnings, List<CauseBreakdown> breakdowns,
        List<DelayExplanation> delays, UnseenWork unseen) {

    /**
     * Creates a report without cause breakdowns or delay explanations.
     *
     * @param recording what was analyzed, not {@code null}
     * @param pools the pools, not {@code null}
     * @param longPolls the longest polls, not {@code null}
     * @param idleEpisodes the longest idle parks, not {@code null}
     * @param threadGroups pool threads by the JDK's events, not {@code null}
     * @param pinning virtual-thread pinning, not {@code null}
     * @param findings the findings, not {@code null}
     * @param notes what the recording cannot show, not {@code null}
     * @param warnings problems with the input, not {@code null}
     */
    public AnalysisReport(RecordingInfo recording, List<PoolReport> pools, List<LongPoll> longPolls,
            List<IdleEpisode> idleEpisodes, List<ThreadGroupReport> threadGroups, PinningReport pinning,
            List<Finding> findings, List<String> notes, List<String> warnings) {
        this(recording, pools, longPolls, idleEpisodes, threadGroups, pinning, findings, notes, warnings,
                List.of(), List.of(), UnseenWork.NONE);
    }

    /** Copies the lists. */
    public AnalysisReport {
        Objects.requireNonNull(unseen, "unseen");
        breakdowns = List.copyOf(breakdowns);
        delays = List.copyOf(delays);
        pools = List.copyOf(pools);
        longPolls = List.copyOf(longPolls);
        idleEpisodes = List.copyOf(idleEpisodes);
        threadGroups = List.copyOf(threadGroups);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns whether Taskflight saw the work this report speaks for: the recording holds Taskflight's
     * events, and no application code ran where they did not reach ({@link UnseenWork#allSeen()}). Only
     * then may a report with no findings read as an all-clear. A recording without Taskflight's events
     * (no agent, or a recording that turned them off) never does, whatever the JDK's samples show.
     *
     * @return whether a report without findings is an all-clear
     */
    public boolean allSeen() {
        return recording.taskflightEvents() > 0 && unseen.allSeen();
    }

    /**
     * Returns the most severe finding's severity.
     *
     * @return the highest severity, empty without findings
     */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    /**
     * Returns the cause breakdown of a pool's long polls.
     *
     * @param pool the pool's name, not {@code null}
     * @return the breakdown, empty if the pool had no long polls
     */
    public Optional<CauseBreakdown> breakdown(String pool) {
        return breakdowns.stream().filter(b -> b.pool().equals(pool)).findFirst();
    }

    /**
     * Returns what held a pool's workers during its longest scheduling delays.
     *
     * @param pool the pool's name, not {@code null}
     * @return the explanation, empty if the pool had no long delay
     */
    public Optional<DelayExplanation> delay(String pool) {
        return delays.stream().filter(d -> d.pool().equals(pool)).findFirst();
    }

    /**
     * Returns the report with extra warnings appended.
     *
     * @param more the warnings to add, not {@code null}
     * @return a new report, not {@code null}
     */
    public AnalysisReport withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new AnalysisReport(recording, pools, longPolls, idleEpisodes, threadGroups, pinning,
                findings, notes, all, breakdowns, delays, unseen);
    }
}
