package dev.taskflight.jmc;

import java.util.List;
import org.openjdk.jmc.flightrecorder.rules.IRule;

/**
 * Taskflight's JDK Mission Control rules, one per finding of {@code jfr-analyze}, and one that says when
 * application code ran where those rules' pools did not see it ({@link UnseenWorkRule}).
 *
 * <p>JMC finds them through {@code META-INF/services/org.openjdk.jmc.flightrecorder.rules.IRule}: the
 * headless report ({@code JfrRulesReport}) with the jar on its classpath, and the desktop
 * application through the bundle's contribution to the
 * {@code org.openjdk.jmc.flightrecorder.rules.ruleProvider} extension point, which tells JMC to read
 * that services file with the bundle's class loader.
 */
public final class TaskflightRules {

    /** The topic of every Taskflight rule. */
    public static final String TOPIC = "taskflight";

    private TaskflightRules() {
    }

    /**
     * Returns a new instance of every rule, in the order of the findings, the unseen-work rule last.
     *
     * @return the rules, not {@code null}
     */
    public static List<IRule> all() {
        return List.of(new BlockedEventLoopRule(), new LongPollRule(), new IdleWorkerRule(), new SchedulingDelayRule(), new QueueBacklogRule(),
                new ImbalanceRule(), new PinnedCarrierRule(),
                new PoolThreadBlockingRule(), new UnseenWorkRule());
    }
}
