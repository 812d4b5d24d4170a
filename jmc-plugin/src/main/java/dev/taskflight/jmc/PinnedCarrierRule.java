package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.PinnedCarrierFinding;
import dev.taskflight.analysis.report.PinningReport;
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
 * Pinned carriers: virtual threads blocked while pinned to their carrier threads
 * ({@link PinnedCarrierFinding}), from the JDK's {@code jdk.VirtualThreadPinned} (JDK 21 and later).
 * It needs no Taskflight event, as the CLI reports pinning on any recording; the result names where
 * the pinning happened (the first application frame, or the JDK's reason).
 */
public final class PinnedCarrierRule extends AbstractRule {

    /** A pinning this long or longer is reported; the CLI's default is 20 ms. */
    public static final TypedPreference<IQuantity> WARNING =
            RuleResults.timespan("taskflight.pinnedCarrier.warning", PinnedCarrierFinding.DEFAULT_WARNING);
    /** A pinning this long or longer is critical; the CLI's default is 100 ms. */
    public static final TypedPreference<IQuantity> CRITICAL =
            RuleResults.timespan("taskflight.pinnedCarrier.critical", PinnedCarrierFinding.DEFAULT_CRITICAL);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(WARNING, CRITICAL);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType("jdk.VirtualThreadPinned", EventAvailability.ENABLED).build();

    /** Pinnings at or above the warning threshold. */
    public static final TypedResult<IQuantity> PINNINGS = RuleResults.quantity("pinnings", UnitLookup.NUMBER);
    /** The longest pinning. */
    public static final TypedResult<IQuantity> LONGEST = RuleResults.quantity("longestPinning", UnitLookup.TIMESPAN);
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, PINNINGS, LONGEST,
            RuleResults.CAUSE, RuleResults.FINDINGS);

    private static final String PREFIX = "PinnedCarrierRule";

    /** Creates the rule. */
    public PinnedCarrierRule() {
        super("TaskflightPinnedCarrier", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        PinnedCarrierFinding.Thresholds t;
        try {
            t = new PinnedCarrierFinding.Thresholds(RuleResults.duration(vp, WARNING), RuleResults.duration(vp, CRITICAL));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        PinningReport pinning = RecordingModel.readPinning(items, WithDefaults.of(t));
        List<Finding> findings = PinnedCarrierFinding.evaluate(pinning, t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "maxNanos", 0), t.warning().toNanos(), t.critical().toNanos()), PREFIX);
        String where = RuleResults.textFact(found.worst(), "where");
        return found.builder().addResult(PINNINGS, RuleResults.count(pinning.overThreshold()))
                .addResult(LONGEST, RuleResults.nanos(pinning.maxNanos()))
                .addResult(RuleResults.CAUSE, where.isEmpty() ? Messages.getString("Text_UNKNOWN") : where).build();
    }
}
