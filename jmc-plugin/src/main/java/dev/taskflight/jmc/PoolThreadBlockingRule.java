package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.finding.PoolThreadBlockingFinding;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.internal.Scores;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.AbstractRule;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * Pool threads blocking, from the JDK's events alone ({@link PoolThreadBlockingFinding}): threads of a
 * pool Taskflight did not see (a recording made without the agent) that waited on monitors, slept or
 * parked in application code. It needs no Taskflight event, as the CLI's JDK-only view does; the
 * result names the pool and what its threads blocked on, and says that polls need the agent.
 */
public final class PoolThreadBlockingRule extends AbstractRule {

    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of();
    private static final Map<String, EventAvailability> REQUIRED_EVENTS = Map.of();
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.CAUSE, RuleResults.FINDINGS);
    /** How much blocking of one kind makes a finding; its score grows up to ten times that. */
    private static final long MIN_BLOCKED_NANOS = PoolThreadBlockingFinding.MIN_BLOCKED.toNanos();

    private static final String PREFIX = "PoolThreadBlockingRule";
    /** The JDK's events this rule reads; without any of them it has nothing to say. */
    private static final Set<String> EVIDENCE = Set.of("jdk.JavaMonitorEnter", "jdk.ThreadSleep", "jdk.ThreadPark");

    /** Creates the rule. */
    public PoolThreadBlockingRule() {
        super("TaskflightPoolThreadBlocking", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        IResult notApplicable = RuleResults.withoutEvidence(this, vp, items, EVIDENCE, PREFIX);
        if (notApplicable != null) {
            return notApplicable;
        }
        RecordingModel model = RecordingModel.read(items, FindingThresholds.DEFAULT);
        List<Finding> findings = PoolThreadBlockingFinding.evaluate(model.report().threadGroups());
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(), blockedNanos(f),
                MIN_BLOCKED_NANOS, 10 * MIN_BLOCKED_NANOS), PREFIX);
        return found.builder().addResult(RuleResults.CAUSE, found.worst().message()).build();
    }

    /** The finding's blocked time, all kinds together. */
    private static double blockedNanos(Finding f) {
        return f.facts().entrySet().stream().filter(e -> e.getKey().endsWith("Nanos"))
                .mapToDouble(e -> e.getValue() instanceof Number n ? n.doubleValue() : 0).sum();
    }
}
