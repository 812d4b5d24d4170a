package dev.taskflight.jmc;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.SchedulingDelayFinding;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.WorkerReport;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.Messages;
import dev.taskflight.jmc.internal.RecordingModel;
import dev.taskflight.jmc.internal.RuleResults;
import dev.taskflight.jmc.internal.Scores;
import dev.taskflight.jmc.internal.WithDefaults;
import java.text.MessageFormat;
import java.util.Comparator;
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
 * Scheduling delay: tasks of a pool waited too long between submission and start
 * ({@link SchedulingDelayFinding}). The result names the pool, its percentiles, the worker whose
 * tasks waited longest, and how busy the pool was.
 */
public final class SchedulingDelayRule extends AbstractRule {

    /** A p99 this long or longer is reported; the CLI's default is 5 ms. */
    public static final TypedPreference<IQuantity> P99_WARNING =
            RuleResults.timespan("taskflight.schedulingDelay.p99Warning", SchedulingDelayFinding.DEFAULT_P99_WARNING);
    /** A p99 this long or longer is critical; the CLI's default is 50 ms. */
    public static final TypedPreference<IQuantity> P99_CRITICAL = RuleResults
            .timespan("taskflight.schedulingDelay.p99Critical", SchedulingDelayFinding.DEFAULT_P99_CRITICAL);
    private static final Collection<TypedPreference<?>> CONFIGURATION_ATTRIBUTES = List.of(P99_WARNING, P99_CRITICAL);

    private static final Map<String, EventAvailability> REQUIRED_EVENTS = RequiredEventsBuilder.create()
            .addEventType(EventNames.TASK_POLL, EventAvailability.ENABLED).build();

    /** The pool's 99th percentile of scheduling delay. */
    public static final TypedResult<IQuantity> P99 = RuleResults.quantity("p99", UnitLookup.TIMESPAN);
    /** The pool's median scheduling delay. */
    public static final TypedResult<IQuantity> P50 = RuleResults.quantity("p50", UnitLookup.TIMESPAN);
    /** The pool's longest scheduling delay. */
    public static final TypedResult<IQuantity> MAX = RuleResults.quantity("maxDelay", UnitLookup.TIMESPAN);
    /** What held the pool's workers during its longest scheduling delays. */
    public static final TypedResult<String> HELD_BY = RuleResults.text("heldBy");
    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, RuleResults.POOL,
            RuleResults.WORKER, P99, P50, MAX, RuleResults.CAUSE, HELD_BY, RuleResults.FINDINGS);
    /** Holders named. */
    private static final int HOLDERS = 3;

    private static final String PREFIX = "SchedulingDelayRule";

    /** Creates the rule. */
    public SchedulingDelayRule() {
        super("TaskflightSchedulingDelay", Messages.getString(PREFIX + "_NAME"), TaskflightRules.TOPIC,
                CONFIGURATION_ATTRIBUTES, RESULT_ATTRIBUTES, REQUIRED_EVENTS);
    }

    @Override
    protected IResult getResult(IItemCollection items, IPreferenceValueProvider vp, IResultValueProvider rp) {
        SchedulingDelayFinding.Thresholds t;
        try {
            t = new SchedulingDelayFinding.Thresholds(RuleResults.duration(vp, P99_WARNING),
                    RuleResults.duration(vp, P99_CRITICAL));
        } catch (IllegalArgumentException e) {
            return RuleResults.invalid(this, vp, e);
        }
        RecordingModel model = RecordingModel.read(items, WithDefaults.of(t));
        List<Finding> findings = SchedulingDelayFinding.evaluate(model.pools(), t);
        if (findings.isEmpty()) {
            return RuleResults.none(this, vp, PREFIX);
        }
        RuleResults.Found found = RuleResults.found(this, vp, findings, f -> Scores.of(f.severity(),
                RuleResults.fact(f, "p99Nanos", 0), t.p99Warning().toNanos(), t.p99Critical().toNanos()), PREFIX);
        Finding w = found.worst();
        found.builder().addResult(P99, RuleResults.nanos((long) RuleResults.fact(w, "p99Nanos", 0)))
                .addResult(P50, RuleResults.nanos((long) RuleResults.fact(w, "p50Nanos", 0)))
                .addResult(MAX, RuleResults.nanos((long) RuleResults.fact(w, "maxNanos", 0)));
        model.pools().stream().filter(p -> p.name().equals(w.pool())).findFirst().ifPresent(pool -> {
            pool.workers().stream().filter(x -> x.delay().count() > 0)
                    .max(Comparator.comparingLong((WorkerReport x) -> x.delay().p99()))
                    .ifPresent(x -> found.builder().addResult(RuleResults.WORKER, RuleResults.count(x.worker())));
            found.builder().addResult(RuleResults.CAUSE, cause(pool));
        });
        found.builder().addResult(HELD_BY, model.report().delay(w.pool()).map(d -> d.describe(HOLDERS))
                .orElse(Messages.getString(PREFIX + "_NOT_EXPLAINED")));
        return found.builder().build();
    }

    private static String cause(PoolReport pool) {
        if (pool.queue() == null) {
            return Messages.getString(PREFIX + "_CAUSE_UNSAMPLED");
        }
        return MessageFormat.format(Messages.getString(PREFIX + "_CAUSE"),
                String.format(java.util.Locale.ROOT, "%.1f", pool.queue().meanActiveWorkers()),
                pool.parallelism() < 0 ? "?" : String.valueOf(pool.parallelism()),
                String.valueOf(pool.queue().maxQueued()));
    }
}
