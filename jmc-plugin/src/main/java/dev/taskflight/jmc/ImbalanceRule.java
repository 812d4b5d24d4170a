package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.ImbalanceFinding;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.internal.Scores;
import dev.taskflight.jmc.internal.WithDefaults;
import java.text.MessageFormat;
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
 * Imbalance: the workers of a pool ran very different numbers of polls ({@link ImbalanceFinding}).
 * The result names the pool, its busiest and idlest workers and their polls and steals.
 */
public final class ImbalanceRule extends AbstractRule {

    /** A busiest-to-idlest poll ratio above this is reported; the CLI's default is 3. */
    public static final TypedPreference<IQuantity> RATIO =
            RuleResults.number("taskflight.imbalance.ratio", ImbalanceFinding.DEFAULT_RATIO);
    /** A ratio above this is critical; the CLI's default is 10. */
    public static final TypedPreference<IQuantity> CRITICAL_RATIO =
            RuleResults.number("taskflight.imbalance.criticalRatio", ImbalanceFinding.DEFAULT_CRITICAL_RATIO);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(RATIO, CRITICAL_RATIO);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.WORKER_SAMPLE, EventAvailability.ENABLED).build();

    /** The busiest worker's polls over the idlest's, -1 when the idlest ran none. */
    public static final TypedResult<IQuantity> POLL_RATIO = RuleResults.quantity("pollRatio", UnitLookup.NUMBER);
    /** The worker that ran the fewest polls. */
    public static final TypedResult<IQuantity> IDLEST_WORKER = RuleResults.quantity("idlestWorker", UnitLookup.NUMBER);
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, IDLEST_WORKER, POLL_RATIO, RuleResults.CAUSE, RuleResults.FINDINGS);

    private static final String PREFIX = "ImbalanceRule";

    /** Creates the rule. */
    public ImbalanceRule() {
        super("TaskflightImbalance", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        ImbalanceFinding.Thresholds t;
        try {
            t = new ImbalanceFinding.Thresholds(RuleResults.number(vp, RATIO), RuleResults.number(vp, CRITICAL_RATIO));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = ImbalanceFinding.evaluate(model.pools(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> {
            double ratio = RuleResults.fact(f, "ratio", -1);
            return Scores.of(f.severity(), ratio < 0 ? Double.POSITIVE_INFINITY : ratio, t.ratio(), t.criticalRatio());
        }, PREFIX);
        Finding w = found.worst();
        String cause = MessageFormat.format(Messages.getString(PREFIX + "_CAUSE"),
                String.valueOf((long) RuleResults.fact(w, "busiestWorker", -1)),
                String.valueOf((long) RuleResults.fact(w, "busiestPolls", 0)),
                String.valueOf((long) RuleResults.fact(w, "idlestWorker", -1)),
                String.valueOf((long) RuleResults.fact(w, "idlestPolls", 0)));
        return found.builder()
                .addResult(RuleResults.WORKER, RuleResults.count((long) RuleResults.fact(w, "busiestWorker", -1)))
                .addResult(IDLEST_WORKER, RuleResults.count((long) RuleResults.fact(w, "idlestWorker", -1)))
                .addResult(POLL_RATIO, UnitLookup.NUMBER_UNITY.quantity(RuleResults.fact(w, "ratio", -1)))
                .addResult(RuleResults.CAUSE, cause).build();
    }
}
