package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
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
 * Idle workers: a worker parked while work was queued, or under-used while others of its pool were
 * saturated ({@link IdleWorkerFinding}). The result names the pool and the worker, how long it sat
 * idle and why it counts.
 */
public final class IdleWorkerRule extends AbstractRule {

    /** Parks this long or longer that woke to queued work count; the CLI's default is 1 ms. */
    public static final TypedPreference<IQuantity> MIN_PARK =
            RuleResults.timespan("taskflight.idleWorker.minPark", IdleWorkerFinding.DEFAULT_MIN_PARK);
    /** One such park this long or longer is critical; the CLI's default is 50 ms. */
    public static final TypedPreference<IQuantity> CRITICAL_PARK =
            RuleResults.timespan("taskflight.idleWorker.criticalPark", IdleWorkerFinding.DEFAULT_CRITICAL_PARK);
    /** A worker busy less than this share of its time is under-used; the CLI's default is 0.5. */
    public static final TypedPreference<IQuantity> UNDER_UTILIZATION = RuleResults.number(
            "taskflight.idleWorker.underUtilization", IdleWorkerFinding.DEFAULT_UNDER_UTILIZATION);
    /** ...while another is busy at least this share of its time; the CLI's default is 0.9. */
    public static final TypedPreference<IQuantity> SATURATION =
            RuleResults.number("taskflight.idleWorker.saturation", IdleWorkerFinding.DEFAULT_SATURATION);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES =
            List.of(MIN_PARK, CRITICAL_PARK, UNDER_UTILIZATION, SATURATION);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.WORKER_PARK, EventAvailability.ENABLED)
            .addEventType(EventNames.WORKER_SAMPLE, EventAvailability.ENABLED).build();

    /** The worker's idle time: in parks that woke to queued work, or in all for an under-used one. */
    public static final TypedResult<IQuantity> IDLE_TIME = RuleResults.quantity("idleTime", UnitLookup.TIMESPAN);
    /** The most tasks queued when the worker woke, 0 for an under-used worker. */
    public static final TypedResult<IQuantity> QUEUED_TASKS = RuleResults.quantity("queuedTasks", UnitLookup.NUMBER);
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, IDLE_TIME, QUEUED_TASKS, RuleResults.CAUSE, RuleResults.FINDINGS);

    private static final String PREFIX = "IdleWorkerRule";

    /** Creates the rule. */
    public IdleWorkerRule() {
        super("TaskflightIdleWorker", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        IdleWorkerFinding.Thresholds t;
        try {
            t = new IdleWorkerFinding.Thresholds(RuleResults.duration(vp, MIN_PARK),
                    RuleResults.duration(vp, CRITICAL_PARK), RuleResults.number(vp, UNDER_UTILIZATION),
                    RuleResults.number(vp, SATURATION));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = IdleWorkerFinding.evaluate(model.pools(), model.idle(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "longestNanos", 0), t.minPark().toNanos(), t.criticalPark().toNanos()), PREFIX);
        Finding w = found.worst();
        boolean parked = "parked-with-queued-work".equals(RuleResults.textFact(w, "reason"));
        String cause = parked
                ? MessageFormat.format(Messages.getString(PREFIX + "_CAUSE_PARKED"),
                        String.valueOf((long) RuleResults.fact(w, "parks", 0)),
                        String.valueOf((long) RuleResults.fact(w, "maxQueuedTasks", 0)))
                : MessageFormat.format(Messages.getString(PREFIX + "_CAUSE_UNDER_USED"),
                        String.valueOf(Math.round(RuleResults.fact(w, "busyRatio", 0) * 100)),
                        RuleResults.textFact(w, "saturatedWorkers"));
        return found.builder().addResult(RuleResults.WORKER, RuleResults.count(w.worker()))
                .addResult(IDLE_TIME, RuleResults.nanos((long) RuleResults.fact(w, "idleNanos", 0)))
                .addResult(QUEUED_TASKS, RuleResults.count((long) RuleResults.fact(w, "maxQueuedTasks", 0)))
                .addResult(RuleResults.CAUSE, cause).build();
    }
}
