package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedCollectionResult;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/** The results every Taskflight rule shares, and the shapes of its results: none, found, invalid. */
public final class RuleResults {

    /** The pool of the most serious finding. */
    public static final TypedResult<String> POOL = text("pool");
    /** The worker of the most serious finding, -1 when it concerns the whole pool. */
    public static final TypedResult<IQuantity> WORKER = new TypedResult<>("worker",
            Messages.getString("Result_worker"), Messages.getString("Result_worker_DESC"), UnitLookup.NUMBER,
            IQuantity.class);
    /** What caused the most serious finding, in words. */
    public static final TypedResult<String> CAUSE = text("cause");
    /** Every finding of the rule, one line each, most serious first. */
    public static final TypedCollectionResult<String> FINDINGS = new TypedCollectionResult<>("findings",
            Messages.getString("Result_findings"), Messages.getString("Result_findings_DESC"), UnitLookup.PLAIN_TEXT,
            String.class);

    private RuleResults() {
    }

    /**
     * Returns a text result whose name and description are {@code Result_<id>} and
     * {@code Result_<id>_DESC} in the messages.
     *
     * @param id the result's identifier, also its placeholder in messages, not {@code null}
     * @return the result type, not {@code null}
     */
    public static TypedResult<String> text(String id) {
        return new TypedResult<>(id, Messages.getString("Result_" + id), Messages.getString("Result_" + id + "_DESC"),
                UnitLookup.PLAIN_TEXT, String.class);
    }

    /**
     * Returns a quantity result, named as {@link #text(String)} names.
     *
     * @param id the result's identifier, not {@code null}
     * @param unit its content type, such as {@link UnitLookup#TIMESPAN}, not {@code null}
     * @return the result type, not {@code null}
     */
    public static TypedResult<IQuantity> quantity(String id, org.openjdk.jmc.common.unit.ContentType<IQuantity> unit) {
        return new TypedResult<>(id, Messages.getString("Result_" + id), Messages.getString("Result_" + id + "_DESC"),
                unit, IQuantity.class);
    }

    /**
     * Returns a timespan preference, named by {@code Pref_<id>} and {@code Pref_<id>_DESC}.
     *
     * @param id the preference's identifier, not {@code null}
     * @param dflt the default, not {@code null}
     * @return the preference, not {@code null}
     */
    public static TypedPreference<IQuantity> timespan(String id, Duration dflt) {
        return new TypedPreference<>(id, Messages.getString("Pref_" + id), Messages.getString("Pref_" + id + "_DESC"),
                UnitLookup.TIMESPAN.getPersister(), UnitLookup.MILLISECOND.quantity(dflt.toMillis()));
    }

    /**
     * Returns a number preference, named as {@link #timespan(String, Duration)} names.
     *
     * @param id the preference's identifier, not {@code null}
     * @param dflt the default
     * @return the preference, not {@code null}
     */
    public static TypedPreference<IQuantity> number(String id, double dflt) {
        return new TypedPreference<>(id, Messages.getString("Pref_" + id), Messages.getString("Pref_" + id + "_DESC"),
                UnitLookup.NUMBER.getPersister(), UnitLookup.NUMBER_UNITY.quantity(dflt));
    }

    /** Returns a timespan preference's value. */
    public static Duration duration(IPreferenceValueProvider vp, TypedPreference<IQuantity> p) {
        return Duration.ofNanos(vp.getPreferenceValue(p).clampedLongValueIn(UnitLookup.NANOSECOND));
    }

    /** Returns a number preference's value. */
    public static double number(IPreferenceValueProvider vp, TypedPreference<IQuantity> p) {
        return vp.getPreferenceValue(p).doubleValueIn(UnitLookup.NUMBER_UNITY);
    }

    /**
     * Returns the result of a recording without the finding.
     *
     * @param rule the rule, not {@code null}
     * @param vp its preferences, not {@code null}
     * @param prefix the rule's message prefix: the summary is {@code <prefix>_OK}
     * @return the result, not {@code null}
     */
    public static IResult none(IRule rule, IPreferenceValueProvider vp, String prefix) {
        return ResultBuilder.createFor(rule, vp).setSeverity(Severity.OK)
                .setSummary(Messages.getString(prefix + "_OK"))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(Scores.NONE)).build();
    }

    /**
     * Returns a not-applicable result for a recording with none of the events a rule reads, or {@code null}
     * if it has some: a rule that needs no Taskflight event says so, rather than an all-clear, when the JDK
     * recorded nothing it could judge.
     *
     * @param rule the rule, not {@code null}
     * @param vp its preferences, not {@code null}
     * @param items the recording's items, not {@code null}
     * @param evidence the names of the event types the rule reads, not {@code null}
     * @param prefix the rule's message prefix: the summary is {@code <prefix>_NA}
     * @return the result, or {@code null} when some of those events are there
     */
    public static IResult withoutEvidence(IRule rule, IPreferenceValueProvider vp, IItemCollection items,
            Set<String> evidence, String prefix) {
        if (items.apply(ItemFilters.type(evidence)).hasItems()) {
            return null;
        }
        return ResultBuilder.createFor(rule, vp).setSeverity(Severity.NA).setSummary(Messages.getString(prefix + "_NA"))
                .build();
    }

    /**
     * Returns the result of preferences the finding rejects: not applicable, saying why.
     *
     * @param rule the rule, not {@code null}
     * @param vp its preferences, not {@code null}
     * @param e what the finding said, not {@code null}
     * @return the result, not {@code null}
     */
    public static IResult invalid(IRule rule, IPreferenceValueProvider vp, IllegalArgumentException e) {
        return ResultBuilder.createFor(rule, vp).setSeverity(Severity.NA)
                .setSummary(Messages.getString("Rule_INVALID_PREFERENCES"))
                .setExplanation(e.getMessage()).build();
    }

    /**
     * Starts the result of findings: the most serious one (the highest score) sets the severity, the
     * score and the pool; every finding is listed.
     *
     * @param rule the rule, not {@code null}
     * @param vp its preferences, not {@code null}
     * @param findings the findings, not empty, not {@code null}
     * @param score a finding's score, from {@link Scores}, not {@code null}
     * @param prefix the rule's message prefix: summary, explanation and solution are
     *        {@code <prefix>_SUMMARY}, {@code _EXPLANATION} and {@code _SOLUTION}
     * @return the most serious finding and the result so far, not {@code null}
     */
    public static Found found(IRule rule, IPreferenceValueProvider vp, List<Finding> findings,
            ToDoubleFunction<Finding> score, String prefix) {
        Finding worst = null;
        double best = -1;
        List<String> lines = new ArrayList<>();
        for (Finding f : findings) {
            double s = score.applyAsDouble(f);
            if (s > best) {
                best = s;
                worst = f;
            }
            lines.add(line(f));
        }
        ResultBuilder b = ResultBuilder.createFor(rule, vp).setSeverity(Severity.get(best))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(best))
                .addResult(FINDINGS, lines)
                .setSummary(Messages.getString(prefix + "_SUMMARY"))
                .setExplanation(Messages.getString(prefix + "_EXPLANATION"))
                .setSolution(Messages.getString(prefix + "_SOLUTION"));
        if (worst.pool() != null) {
            b.addResult(POOL, worst.pool());
        }
        return new Found(worst, b);
    }

    /**
     * Returns one finding as a line of the {@link #FINDINGS} result, such as
     * {@code critical: pool 'http', worker 2: ...}.
     *
     * @param f the finding, not {@code null}
     * @return the line, not {@code null}
     */
    public static String line(Finding f) {
        StringBuilder b = new StringBuilder(f.severity().id()).append(": ");
        if (f.pool() != null) {
            b.append("pool '").append(f.pool()).append("'");
            if (f.worker() >= 0) {
                b.append(", worker ").append(f.worker());
            }
            b.append(": ");
        }
        return b.append(f.message()).toString();
    }

    /** Returns a count or index as a JMC number. */
    public static IQuantity count(long n) {
        return UnitLookup.NUMBER_UNITY.quantity(n);
    }

    /** Returns nanoseconds as a JMC timespan. */
    public static IQuantity nanos(long n) {
        return UnitLookup.NANOSECOND.quantity(n);
    }

    /** Returns a numeric fact of a finding, or {@code dflt}. */
    public static double fact(Finding f, String key, double dflt) {
        Object v = f.facts().get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : dflt;
    }

    /** Returns a text fact of a finding, or {@code ""}. */
    public static String textFact(Finding f, String key) {
        Object v = f.facts().get(key);
        return v == null ? "" : v.toString();
    }

    /**
     * The most serious finding and the result being built.
     *
     * @param worst the finding, not {@code null}
     * @param builder the result, not {@code null}
     */
    public record Found(Finding worst, ResultBuilder builder) {
    }
}
