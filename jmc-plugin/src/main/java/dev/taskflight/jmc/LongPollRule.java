package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.LongPollFinding;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.internal.Scores;
import dev.taskflight.jmc.internal.WithDefaults;
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
 * Long polls: a task held its worker too long ({@link LongPollFinding}). The result names the pool,
 * the worker and the task of the longest poll, and what the JDK recorded on the worker's thread
 * during it (CPU samples and their code site, monitors, parks, sleeps, I/O, pinning), and the
 * pool's cause breakdown over all its long polls, as {@code jfr-analyze} does.
 */
public final class LongPollRule extends AbstractRule {

    /** Polls this long or longer are reported; the CLI's default is 10 ms. */
    public static final TypedPreference<IQuantity> WARNING =
            RuleResults.timespan("taskflight.longPoll.warning", LongPollFinding.DEFAULT_WARNING);
    /** Polls this long or longer are critical; the CLI's default is 50 ms. */
    public static final TypedPreference<IQuantity> CRITICAL =
            RuleResults.timespan("taskflight.longPoll.critical", LongPollFinding.DEFAULT_CRITICAL);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(WARNING, CRITICAL);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.TASK_POLL, EventAvailability.ENABLED).build();

    /** Polls at or above the warning threshold, in the pool of the longest. */
    public static final TypedResult<IQuantity> LONG_POLLS = RuleResults.quantity("longPolls", UnitLookup.NUMBER);
    /** The longest poll. */
    public static final TypedResult<IQuantity> LONGEST_POLL = RuleResults.quantity("longestPoll", UnitLookup.TIMESPAN);
    /** The class of the longest poll's task. */
    public static final TypedResult<String> TASK_CLASS = RuleResults.text("taskClass");
    /** The share of the pool's long-poll time in each cause, over all its long polls. */
    public static final TypedResult<String> BREAKDOWN = RuleResults.text("breakdown");
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, LONG_POLLS, LONGEST_POLL, TASK_CLASS, RuleResults.CAUSE, BREAKDOWN,
            RuleResults.FINDINGS);
    /** Causes named in the breakdown. */
    private static final int BREAKDOWN_CAUSES = 4;

    private static final String PREFIX = "LongPollRule";

    /** Creates the rule. */
    public LongPollRule() {
        super("TaskflightLongPoll", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        LongPollFinding.Thresholds t;
        try {
            t = new LongPollFinding.Thresholds(RuleResults.duration(vp, WARNING), RuleResults.duration(vp, CRITICAL));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = LongPollFinding.evaluate(model.pools(), model.longPolls(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "longestNanos", 0), t.warning().toNanos(), t.critical().toNanos()), PREFIX);
        Finding worst = found.worst();
        found.builder().addResult(LONG_POLLS, RuleResults.count((long) RuleResults.fact(worst, "count", 0)));
        model.longPolls().stream().filter(p -> p.pool().equals(worst.pool())).findFirst()
                .ifPresent(p -> found.builder()
                        .addResult(RuleResults.WORKER, RuleResults.count(p.worker()))
                        .addResult(LONGEST_POLL, RuleResults.nanos(p.durationNanos()))
                        .addResult(TASK_CLASS, p.taskClass().isEmpty() ? Messages.getString("Text_UNKNOWN") : p.taskClass())
                        .addResult(RuleResults.CAUSE, cause(p)));
        found.builder().addResult(BREAKDOWN, model.report().breakdown(worst.pool())
                .map(b -> b.describe(BREAKDOWN_CAUSES)).orElse(Messages.getString("Text_NO_CAUSE")));
        return found.builder().build();
    }

    private static String cause(LongPoll p) {
        return p.explanation().causes().isEmpty() ? Messages.getString("Text_NO_CAUSE") : p.explanation().describe();
    }
}
