package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.report.UnseenWork;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.AbstractRule;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * Work Taskflight did not see ({@link UnseenWork}): application code that the JDK's CPU samples caught on
 * threads outside every pool Taskflight saw, such as a home-made thread or a scheduler the agent does not
 * instrument. The other rules speak only for the pools; this one says, as {@code jfr-analyze} does under
 * its verdict, when their all-clear does not cover everything that ran, so that an OK in JMC never means
 * more than Taskflight saw. Informational: the work may be fine, it is only unjudged. Not applicable
 * without CPU samples.
 */
public final class UnseenWorkRule extends AbstractRule {

    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of();
    private static final Map<String, EventAvailability> REQUIRED_EVENTS = Map.of();
    /** The JDK's CPU samples, which this rule reads; without them it has nothing to say. */
    private static final Set<String> EVIDENCE = Set.of("jdk.ExecutionSample", "jdk.CPUTimeSample");

    /** Threads that ran application code Taskflight did not see. */
    public static final TypedResult<IQuantity> THREADS = RuleResults.quantity("unseenThreads", UnitLookup.NUMBER);
    /** Their CPU samples with an application frame. */
    public static final TypedResult<IQuantity> SAMPLES = RuleResults.quantity("unseenSamples", UnitLookup.NUMBER);
    /** The most sampled of them, with their samples and most sampled application frame. */
    public static final TypedResult<String> TOP = RuleResults.text("unseenTop");
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, THREADS, SAMPLES,
            TOP);

    private static final String PREFIX = "UnseenWorkRule";
    /** The score of unseen work: informational (JMC's INFO band), whatever its amount. */
    private static final double SCORE = 25;

    /** Creates the rule. */
    public UnseenWorkRule() {
        super("TaskflightUnseenWork", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        IResult notApplicable = RuleResults.withoutEvidence(this, vp, items, EVIDENCE, PREFIX);
        if (notApplicable != null) {
            return notApplicable;
        }
        UnseenWork unseen = RecordingModel.read(items, FindingThresholds.DEFAULT).report().unseen();
        if (!unseen.any()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        String top = unseen.top().stream()
                .map(t -> t.thread() + ": " + t.cpuSamples() + " samples, most in " + t.site())
                .collect(Collectors.joining("; "));
        return ResultBuilder.createFor(this, vp).setSeverity(Severity.INFO)
                .setSummary(Messages.getString(PREFIX + "_SUMMARY"))
                .setExplanation(Messages.getString(PREFIX + "_EXPLANATION"))
                .setSolution(Messages.getString(PREFIX + "_SOLUTION"))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(SCORE))
                .addResult(THREADS, RuleResults.count(unseen.threads()))
                .addResult(SAMPLES, RuleResults.count(unseen.cpuSamples()))
                .addResult(TOP, top).build();
    }
}
