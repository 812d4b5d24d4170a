package dev.taskflight.cli;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The file, the output format, the findings' thresholds and the CI gate: shared by every subcommand. */
final class CommonOptions {

    // Optional to the parser, so that "jfr-analyze COMMAND FILE" works; AnalyzeCommand checks it is given.
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The .jfr recording to analyze.")
    Path file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (default) or json (documented in docs/jfr-analyze-json.md).")
    OutputFormat format;

    @Option(names = "--fail-on", paramLabel = "info|warning|critical", converter = SeverityConverter.class,
            description = "Exit with code 1 when a finding of this severity or higher is reported (for CI).")
    Severity failOn;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Rows shown in lists of long polls and idle parks (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr. Default: on large files when stderr is a terminal.")
    Boolean progress;

    @ArgGroup(exclusive = false, heading = "%nThresholds (defaults are the design's; durations like 10ms, 2.5ms, 500us, 1s):%n")
    Thresholds thresholds = new Thresholds();

    /** The findings' thresholds, as options. */
    static final class Thresholds {
        @Option(names = "--long-poll", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A poll this long is a long poll, a warning (default: 10ms).")
        Duration longPoll = LongPollFinding.DEFAULT_WARNING;

        @Option(names = "--long-poll-critical", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A poll this long is critical (default: 50ms).")
        Duration longPollCritical = LongPollFinding.DEFAULT_CRITICAL;

        @Option(names = "--idle-park", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A park this long that woke to queued work is an idle worker"
                        + " (default: 1ms).")
        Duration idlePark = IdleWorkerFinding.DEFAULT_MIN_PARK;

        @Option(names = "--idle-park-critical", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Such a park this long is critical (default: 50ms).")
        Duration idleParkCritical = IdleWorkerFinding.DEFAULT_CRITICAL_PARK;

        @Option(names = "--under-utilization", paramLabel = "FRACTION",
                description = "A worker busy less than this while another is saturated is idle (default: 0.5).")
        double underUtilization = IdleWorkerFinding.DEFAULT_UNDER_UTILIZATION;

        @Option(names = "--saturation", paramLabel = "FRACTION",
                description = "A worker busy at least this much is saturated (default: 0.9).")
        double saturation = IdleWorkerFinding.DEFAULT_SATURATION;

        @Option(names = "--delay-p99", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A p99 scheduling delay this long is a warning (default: 5ms).")
        Duration delayP99 = SchedulingDelayFinding.DEFAULT_P99_WARNING;

        @Option(names = "--delay-p99-critical", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A p99 scheduling delay this long is critical (default: 50ms).")
        Duration delayP99Critical = SchedulingDelayFinding.DEFAULT_P99_CRITICAL;

        @Option(names = "--backlog", paramLabel = "TASKS",
                description = "A queue this deep is a backlog, a warning (default: 100).")
        long backlog = QueueBacklogFinding.DEFAULT_WARNING;

        @Option(names = "--backlog-critical", paramLabel = "TASKS",
                description = "A queue this deep is critical (default: 1000).")
        long backlogCritical = QueueBacklogFinding.DEFAULT_CRITICAL;

        @Option(names = "--imbalance", paramLabel = "RATIO",
                description = "Polls per worker differing more than this is an imbalance (default: 3).")
        double imbalance = ImbalanceFinding.DEFAULT_RATIO;

        @Option(names = "--imbalance-critical", paramLabel = "RATIO",
                description = "Differing more than this is critical (default: 10).")
        double imbalanceCritical = ImbalanceFinding.DEFAULT_CRITICAL_RATIO;

        @Option(names = "--pinned", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A virtual thread pinned this long is a warning (default: 20ms).")
        Duration pinned = PinnedCarrierFinding.DEFAULT_WARNING;

        @Option(names = "--pinned-critical", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Pinned this long is critical (default: 100ms).")
        Duration pinnedCritical = PinnedCarrierFinding.DEFAULT_CRITICAL;

        @Option(names = "--blocked-event-loop", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "An event-loop poll this long, mostly off CPU, is a blocked event loop"
                        + " (default: 1ms; judged among the long polls).")
        Duration blockedEventLoop = BlockedEventLoopFinding.DEFAULT_MIN_POLL;

        @Option(names = "--blocked-event-loop-severity", paramLabel = "info|warning|critical",
                converter = SeverityConverter.class,
                description = "The severity of a blocked event loop (default: critical).")
        Severity blockedEventLoopSeverity = BlockedEventLoopFinding.DEFAULT_SEVERITY;
    }

    /**
     * Returns the analysis options these options describe.
     *
     * @throws IllegalArgumentException if the thresholds are inconsistent
     */
    AnalysisOptions analysisOptions() {
        if (top < 0) {
            throw new IllegalArgumentException("--top must not be negative");
        }
        return analysisOptions(thresholds);
    }

    /** Returns the analysis options with these thresholds; {@link IllegalArgumentException} if inconsistent. */
    static AnalysisOptions analysisOptions(Thresholds t) {
        FindingThresholds f = new FindingThresholds(
                new LongPollFinding.Thresholds(t.longPoll, t.longPollCritical),
                new IdleWorkerFinding.Thresholds(t.idlePark, t.idleParkCritical, t.underUtilization, t.saturation),
                new SchedulingDelayFinding.Thresholds(t.delayP99, t.delayP99Critical),
                new QueueBacklogFinding.Thresholds(t.backlog, t.backlogCritical),
                new ImbalanceFinding.Thresholds(t.imbalance, t.imbalanceCritical),
                new PinnedCarrierFinding.Thresholds(t.pinned, t.pinnedCritical),
                new BlockedEventLoopFinding.Thresholds(t.blockedEventLoop, t.blockedEventLoopSeverity));
        return AnalysisOptions.DEFAULT.withThresholds(f);
    }
}
