package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.QueueBacklogFinding;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.internal.Scores;
import dev.taskflight.jmc.internal.WithDefaults;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.AbstractRule;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.RequiredEventsBuilder;

/**
 * Queue backlog: work piled up in a pool's queue ({@link QueueBacklogFinding}). The result names the
 * pool, how deep its queue got and when, how busy its workers were, and the longest poll that held a
 * worker meanwhile, if any.
 */
public final class QueueBacklogRule extends AbstractRule {

    /** A queue this deep or deeper is reported; the CLI's default is 100 tasks. */
    public static final TypedPreference<IQuantity> WARNING =
            RuleResults.number("taskflight.queueBacklog.warning", QueueBacklogFinding.DEFAULT_WARNING);
    /** A queue this deep or deeper is critical; the CLI's default is 1000 tasks. */
    public static final TypedPreference<IQuantity> CRITICAL =
            RuleResults.number("taskflight.queueBacklog.critical", QueueBacklogFinding.DEFAULT_CRITICAL);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(WARNING, CRITICAL);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.QUEUE_SAMPLE, EventAvailability.ENABLED).build();

    /** The deepest queue sampled. */
    public static final TypedResult<IQuantity> MAX_QUEUED = RuleResults.quantity("maxQueued", UnitLookup.NUMBER);
    /** When the queue was deepest. */
    public static final TypedResult<IQuantity> MAX_AT = RuleResults.quantity("maxAt", UnitLookup.TIMESTAMP);
    /** The mean depth of the queue. */
    public static final TypedResult<IQuantity> MEAN_QUEUED = RuleResults.quantity("meanQueued", UnitLookup.NUMBER);
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, MAX_QUEUED, MAX_AT, MEAN_QUEUED, RuleResults.CAUSE, RuleResults.FINDINGS);

    private static final String PREFIX = "QueueBacklogRule";

    /** Creates the rule. */
    public QueueBacklogRule() {
        super("TaskflightQueueBacklog", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        QueueBacklogFinding.Thresholds t;
        try {
            t = new QueueBacklogFinding.Thresholds(Math.round(RuleResults.number(vp, WARNING)),
                    Math.round(RuleResults.number(vp, CRITICAL)));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = QueueBacklogFinding.evaluate(model.pools(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "maxQueued", 0), t.warning(), t.critical()), PREFIX);
        Finding w = found.worst();
        PoolReport pool = model.pools().stream().filter(p -> p.name().equals(w.pool())).findFirst().orElseThrow();
        found.builder().addResult(MAX_QUEUED, RuleResults.count(pool.queue().maxQueued()))
                .addResult(MEAN_QUEUED, UnitLookup.NUMBER_UNITY.quantity(pool.queue().meanQueued()));
        if (pool.queue().maxAt() != null) {
            java.time.Instant at = pool.queue().maxAt();
            found.builder().addResult(MAX_AT,
                    UnitLookup.EPOCH_NS.quantity(at.getEpochSecond() * 1_000_000_000L + at.getNano()));
        }
        String busy = MessageFormat.format(Messages.getString(PREFIX + "_CAUSE"),
                String.format(Locale.ROOT, "%.1f", pool.queue().meanActiveWorkers()),
                pool.parallelism() < 0 ? "?" : String.valueOf(pool.parallelism()));
        LongPoll longest = model.longPolls().stream().filter(p -> p.pool().equals(pool.name())).findFirst()
                .orElse(null);
        if (longest != null) {
            found.builder().addResult(RuleResults.WORKER, RuleResults.count(longest.worker()));
            busy += MessageFormat.format(Messages.getString(PREFIX + "_CAUSE_LONG_POLL"),
                    dev.taskflight.analysis.report.Units.duration(longest.durationNanos()),
                    String.valueOf(longest.worker()), longest.explanation().describe());
        }
        return found.builder().addResult(RuleResults.CAUSE, busy).build();
    }
}
