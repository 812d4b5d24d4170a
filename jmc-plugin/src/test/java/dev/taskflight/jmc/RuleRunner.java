package dev.taskflight.jmc;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/** Runs the Taskflight rules the way JMC runs rules: availability check, then evaluation. */
final class RuleRunner {

    private RuleRunner() {
    }

    static IItemCollection load(Path file) {
        try {
            return JfrLoaderToolkit.loadEvents(new File(file.toString()));
        } catch (IOException | CouldNotLoadRecordingException e) {
            throw new IllegalStateException("cannot load " + file, e);
        }
    }

    /** Evaluates every Taskflight rule, by rule id. */
    static Map<String, IResult> evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(TaskflightRules.all(), items, preferences, 1);
        Map<String, IResult> results = new TreeMap<>();
        futures.forEach((rule, future) -> {
            try {
                results.put(rule.getId(), future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(rule.getId() + " failed", e.getCause());
            }
        });
        return results;
    }

    static Map<String, IResult> evaluate(IItemCollection items) {
        return evaluate(items, IPreferenceValueProvider.DEFAULT_VALUES);
    }

    /**
     * Returns the summary, explanation and solution with their placeholders filled, as JMC shows
     * them, with JMC's no-break spaces (between a number and its unit) as plain spaces.
     */
    static String text(IResult r) {
        return (ResultToolkit.populateMessage(r, r.getSummary(), false) + "\n"
                + ResultToolkit.populateMessage(r, r.getExplanation(), false) + "\n"
                + ResultToolkit.populateMessage(r, r.getSolution(), false)).replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
