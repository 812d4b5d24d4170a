package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.AnalysisOptions;
import dev.taskflight.analysis.Analyzer;
import dev.taskflight.analysis.explain.Explainer;
import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.CauseBreakdown;
import dev.taskflight.analysis.report.DelayExplanation;
import dev.taskflight.analysis.report.IdleEpisode;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PinningReport;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.RecordingInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.ItemFilters;

/**
 * What the findings are evaluated on: the streaming consumer's own report, built by its own
 * {@link Analyzer} and {@link Explainer} from JMC items read through an {@link ItemView}, so that
 * JMC and {@code jfr-analyze} run the same handlers, explanations and findings. Built once per item
 * collection and thresholds, and shared by the rules.
 *
 * @param report the analysis, not {@code null}
 */
public record RecordingModel(AnalysisReport report) {

    private static final Map<IItemCollection, Map<FindingThresholds, RecordingModel>> CACHE = new WeakHashMap<>();

    /**
     * Returns the model of items, building it on first use, with the CLI's default limits.
     *
     * @param items the recording's items, not {@code null}
     * @param thresholds the findings' thresholds, not {@code null}
     * @return the model, not {@code null}
     */
    public static RecordingModel read(IItemCollection items, FindingThresholds thresholds) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(items, k -> new HashMap<>())
                    .computeIfAbsent(thresholds, t -> new RecordingModel(analyze(items, t)));
        }
    }

    /**
     * Reads only what needs no Taskflight event, such as virtual-thread pinning; the same model.
     *
     * @param items the recording's items, not {@code null}
     * @param thresholds the findings' thresholds, not {@code null}
     * @return the pinning, not {@code null}
     */
    public static PinningReport readPinning(IItemCollection items, FindingThresholds thresholds) {
        return read(items, thresholds).pinning();
    }

    /** Returns the pools, by name. */
    public List<PoolReport> pools() {
        return report.pools();
    }

    /** Returns the longest polls with their causes, longest first. */
    public List<LongPoll> longPolls() {
        return report.longPolls();
    }

    /** Returns the longest parks that woke to queued work, longest first. */
    public List<IdleEpisode> idle() {
        return report.idleEpisodes();
    }

    /** Returns the virtual-thread pinning seen. */
    public PinningReport pinning() {
        return report.pinning();
    }

    /** Returns the cause breakdowns of the pools' long polls. */
    public List<CauseBreakdown> breakdowns() {
        return report.breakdowns();
    }

    /** Returns what held the pools' workers during their longest scheduling delays. */
    public List<DelayExplanation> delays() {
        return report.delays();
    }

    private static AnalysisReport analyze(IItemCollection items, FindingThresholds thresholds) {
        Analyzer analyzer = new Analyzer(new AnalysisOptions(thresholds, AnalysisOptions.DEFAULT_MAX_LONG_POLLS,
                AnalysisOptions.DEFAULT_MAX_IDLE_EPISODES));
        feed(items, analyzer.eventNames(), analyzer::accept);
        Explainer explainer = analyzer.newExplainer();
        feed(items, explainer.eventNames(), explainer::accept);
        return analyzer.report(new RecordingInfo("JMC items", -1, 0, null, null, false, 0), explainer, List.of());
    }

    /** Reads the items of the named types in time order, as a recording file gives them, through one view. */
    private static void feed(IItemCollection items, Set<String> names, Consumer<ItemView> accept) {
        List<IItem> list = new ArrayList<>();
        for (String name : names) {
            for (IItemIterable iterable : items.apply(ItemFilters.type(name))) {
                iterable.forEach(list::add);
            }
        }
        ItemView view = new ItemView();
        long[] starts = new long[list.size()];
        Integer[] order = new Integer[list.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = view.of(list.get(i)).startNanos();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        for (Integer i : order) {
            accept.accept(view.of(list.get(i)));
        }
    }
}
