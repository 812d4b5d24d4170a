package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.BlockedEventLoopFinding;
import dev.taskflight.analysis.finding.Finding;
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
 * Blocked event loops: an event-loop poll that kept its loop off CPU, asleep, parked, waiting for a
 * monitor or in blocking I/O ({@link BlockedEventLoopFinding}). The result names the loop group, the
 * loop and the task of the longest such poll, and what the JDK recorded on the loop's thread during it.
 */
public final class BlockedEventLoopRule extends AbstractRule {

    /** Event-loop polls this long or longer are judged; the CLI's default is 1 ms. */
    public static final TypedPreference<IQuantity> MIN_POLL =
            RuleResults.timespan("taskflight.blockedEventLoop.minPoll", BlockedEventLoopFinding.DEFAULT_MIN_POLL);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(MIN_POLL);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.TASK_POLL, EventAvailability.ENABLED).build();

    /** Blocked polls in the pool of the longest. */
    public static final TypedResult<IQuantity> BLOCKED_POLLS = RuleResults.quantity("blockedPolls", UnitLookup.NUMBER);
    /** The longest blocked poll. */
    public static final TypedResult<IQuantity> LONGEST_POLL = RuleResults.quantity("longestPoll", UnitLookup.TIMESPAN);
    /** The class of the longest blocked poll's task: the loop's I/O class for an I/O poll. */
    public static final TypedResult<String> TASK_CLASS = RuleResults.text("taskClass");
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, BLOCKED_POLLS, LONGEST_POLL, TASK_CLASS, RuleResults.CAUSE, RuleResults.FINDINGS);

    private static final String PREFIX = "BlockedEventLoopRule";

    /** Creates the rule. */
    public BlockedEventLoopRule() {
        super("TaskflightBlockedEventLoop", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        BlockedEventLoopFinding.Thresholds t;
        try {
            t = new BlockedEventLoopFinding.Thresholds(RuleResults.duration(vp, MIN_POLL),
                    BlockedEventLoopFinding.DEFAULT_SEVERITY);
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = BlockedEventLoopFinding.evaluate(model.pools(), model.longPolls(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        long min = t.minPoll().toNanos();
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "longestNanos", 0), min, min), PREFIX);
        Finding worst = found.worst();
        found.builder().addResult(BLOCKED_POLLS, RuleResults.count((long) RuleResults.fact(worst, "count", 0)));
        model.longPolls().stream()
                .filter(p -> p.pool().equals(worst.pool()) && p.durationNanos() >= min && BlockedEventLoopFinding.blocked(p))
                .findFirst()
                .ifPresent(p -> found.builder()
                        .addResult(RuleResults.WORKER, RuleResults.count(p.worker()))
                        .addResult(LONGEST_POLL, RuleResults.nanos(p.durationNanos()))
                        .addResult(TASK_CLASS, p.taskClass().isEmpty() ? Messages.getString("Text_UNKNOWN") : p.taskClass())
                        .addResult(RuleResults.CAUSE, cause(p)));
        return found.builder().build();
    }

    private static String cause(LongPoll p) {
        return p.explanation().causes().isEmpty() ? Messages.getString("Text_NO_CAUSE") : p.explanation().describe();
    }
}
