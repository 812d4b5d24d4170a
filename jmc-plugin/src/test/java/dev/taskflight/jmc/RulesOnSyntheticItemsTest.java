package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjdk.jmc.common.item.Attribute.attr;

import dev.taskflight.events.EventNames;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultProvider;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.common.item.ItemCollectionToolkit;

class RulesOnSyntheticItemsTest {

    private static final IAttribute<String> POOL = ItemFields.text("pool");
    private static final IAttribute<IQuantity> WORKER = attr("worker", "worker", UnitLookup.NUMBER);
    private static final IMCThread WORKER_0 = SyntheticItems.thread(10, "http-worker-0");

    @ParameterizedTest(name = "a {0} ms poll is {1} with a score from {2} to {3}")
    @CsvSource({"9, OK, 0, 0", "10, INFO, 50, 50", "30, INFO, 50, 75", "50, WARNING, 75, 75", "400, WARNING, 96, 100"})
    void longPollSeverityAndScoreFollowTheFindingsThresholds(double millis, Severity severity, double min,
            double max) {
        IResult r = evaluate(new LongPollRule(), longPoll(millis), IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(severity);
        assertThat(r.getResult(TypedResult.SCORE).doubleValue()).isBetween(min, max);
    }

    @Test
    void longPollNamesPoolWorkerTaskAndTheMonitorItWaitedFor() {
        IItemCollection items = new SyntheticItems()
                .event(EventNames.TASK_POLL, 0, 80_000_000L, WORKER_0, POOL, "http", WORKER, SyntheticItems.number(0),
                        ItemFields.type("taskClass"), SyntheticItems.type("com.acme", "Checkout"))
                .event("jdk.JavaMonitorEnter", 5_000_000L, 70_000_000L, WORKER_0,
                        ItemFields.type("monitorClass"), SyntheticItems.type("com.acme", "Ledger"))
                .build();

        IResult r = evaluate(new LongPollRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(RuleRunner.text(r)).contains("Pool http:", "on worker 0", "ran com.acme.Checkout",
                "88% blocked on monitor com.acme.Ledger");
    }

    @Test
    void preferencesReplaceTheDefaultThresholds() {
        IResult r = evaluate(new LongPollRule(), longPoll(60), prefs(LongPollRule.WARNING, SyntheticItems.ms(100),
                LongPollRule.CRITICAL, SyntheticItems.ms(200)));

        assertThat(r.getSeverity()).isEqualTo(Severity.OK);
        assertThat(RuleRunner.text(r)).contains("No task held its worker for 100 ms or more");
    }

    @Test
    void inconsistentPreferencesMakeTheRuleNotApplicableAndSayWhy() {
        IResult r = evaluate(new LongPollRule(), longPoll(60), prefs(LongPollRule.WARNING, SyntheticItems.ms(100),
                LongPollRule.CRITICAL, SyntheticItems.ms(20)));

        assertThat(r.getSeverity()).isEqualTo(Severity.NA);
        assertThat(r.getExplanation()).contains("critical threshold is shorter");
    }

    @ParameterizedTest(name = "a queue of {0} tasks, typed {1}, is {2}")
    @CsvSource({"99, raw, OK", "100, raw, INFO", "1000, raw, WARNING", "1000, quantity, WARNING"})
    void queueBacklogReadsTheCounterWhetherJmcTypesItRawOrAsAQuantity(long depth, String typing, Severity severity) {
        Object value = typing.equals("raw") ? (Object) Long.valueOf(depth) : SyntheticItems.number(depth);
        IAttribute<?> queued = typing.equals("raw") ? attr("queuedTasks", "queuedTasks", UnitLookup.RAW_NUMBER)
                : attr("queuedTasks", "queuedTasks", UnitLookup.NUMBER);
        IItemCollection items = new SyntheticItems().event(EventNames.QUEUE_SAMPLE, 0, 0, null, POOL, "jobs",
                ItemFields.text("kind"), "ThreadPoolExecutor", queued, value).build();

        IResult r = evaluate(new QueueBacklogRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(severity);
        if (severity != Severity.OK) {
            assertThat(RuleRunner.text(r)).contains("Pool jobs: the queue reached " + String.format("%,d", depth));
        }
    }

    @Test
    void idleWorkerNamesTheWorkerThatParkedWhileWorkWasQueued() {
        IItemCollection items = new SyntheticItems().event(EventNames.WORKER_PARK, 0, 2_000_000L, WORKER_0,
                POOL, "http", WORKER, SyntheticItems.number(3),
                attr("queuedTasks", "queuedTasks", UnitLookup.RAW_NUMBER), 7L).build();

        IResult r = evaluate(new IdleWorkerRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(RuleRunner.text(r)).contains("Pool http: worker 3 sat idle 2 ms", "up to 7 tasks waiting");
    }

    @Test
    void schedulingDelayReportsThePoolsP99() {
        SyntheticItems s = new SyntheticItems();
        for (int i = 0; i < 20; i++) {
            s.event(EventNames.TASK_POLL, i * 1_000_000L, 100_000L, WORKER_0, POOL, "http", WORKER,
                    SyntheticItems.number(0), ItemFields.timespan("schedulingDelay"), SyntheticItems.ms(60));
        }

        IResult r = evaluate(new SchedulingDelayRule(), s.build(), IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(RuleRunner.text(r)).contains("Pool http: p99 scheduling delay 60", "on worker 0");
    }

    @Test
    void imbalanceNamesTheBusiestAndIdlestWorkers() {
        IAttribute<Number> polls = attr("polls", "polls", UnitLookup.RAW_NUMBER);
        IItemCollection items = new SyntheticItems()
                .event(EventNames.WORKER_SAMPLE, 0, 0, null, POOL, "fj", WORKER, SyntheticItems.number(0), polls, 0L)
                .event(EventNames.WORKER_SAMPLE, 0, 0, null, POOL, "fj", WORKER, SyntheticItems.number(1), polls, 0L)
                .event(EventNames.WORKER_SAMPLE, 1_000_000_000L, 0, null, POOL, "fj", WORKER, SyntheticItems.number(0),
                        polls, 400L)
                .event(EventNames.WORKER_SAMPLE, 1_000_000_000L, 0, null, POOL, "fj", WORKER, SyntheticItems.number(1),
                        polls, 100L)
                .build();

        IResult r = evaluate(new ImbalanceRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(RuleRunner.text(r)).contains("Pool fj: polls per worker differ 4", "worker 0 ran 400 polls while worker 1 ran 100");
    }

    @Test
    void pinnedCarrierNamesWhereThePinningHappened() {
        IItemCollection items = new SyntheticItems().event("jdk.VirtualThreadPinned", 0, 150_000_000L,
                SyntheticItems.thread(99, ""), ItemFields.text("pinnedReason"), "Native or VM frame on stack").build();

        IResult r = evaluate(new PinnedCarrierRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(r.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(RuleRunner.text(r)).contains("pinned to their carriers 1 times", "longest 150 ms",
                "Native or VM frame on stack");
    }

    @Test
    void everyRuleIsNotApplicableWithoutTheEventsItNeeds() {
        assertThat(RuleRunner.evaluate(ItemCollectionToolkit.EMPTY).values())
                .allSatisfy(r -> assertThat(r.getSeverity()).isEqualTo(Severity.NA));
    }

    private static IItemCollection longPoll(double millis) {
        return new SyntheticItems().event(EventNames.TASK_POLL, 0, (long) (millis * 1_000_000), WORKER_0,
                POOL, "http", WORKER, SyntheticItems.number(0)).build();
    }

    private static IResult evaluate(IRule rule, IItemCollection items, IPreferenceValueProvider prefs) {
        RunnableFuture<IResult> f = rule.createEvaluation(items, prefs, new ResultProvider());
        f.run();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static IPreferenceValueProvider prefs(TypedPreference<IQuantity> a, IQuantity va,
            TypedPreference<IQuantity> b, IQuantity vb) {
        return new IPreferenceValueProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getPreferenceValue(TypedPreference<T> p) {
                if (p.equals(a)) {
                    return (T) va;
                }
                return p.equals(b) ? (T) vb : p.getDefaultValue();
            }
        };
    }
}
