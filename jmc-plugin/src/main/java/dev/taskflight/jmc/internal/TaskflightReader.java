package dev.taskflight.jmc.internal;

import dev.taskflight.analysis.finding.FindingThresholds;
import dev.taskflight.analysis.internal.ThreadDirectory;
import dev.taskflight.analysis.internal.WorkerKey;
import dev.taskflight.analysis.park.IdleCandidate;
import dev.taskflight.analysis.park.ParkAggregator;
import dev.taskflight.analysis.poll.LongPollCandidate;
import dev.taskflight.analysis.poll.PollAggregator;
import dev.taskflight.analysis.pool.PoolRegistry;
import dev.taskflight.analysis.queue.QueueAggregator;
import dev.taskflight.analysis.steal.StealAggregator;
import dev.taskflight.analysis.worker.WorkerCounterAggregator;
import dev.taskflight.events.EventNames;
import dev.taskflight.jmc.internal.ItemFields.Numeric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.JfrAttributes;

/**
 * The first pass over JMC items: Taskflight events into the streaming consumer's own aggregators, so
 * that pools, workers, long polls and idle periods are counted exactly as {@code jfr-analyze} counts
 * them. Only the reading differs: JMC items instead of {@code RecordedEvent}s.
 */
final class TaskflightReader {

    static final String THREAD_START = "jdk.ThreadStart";

    final ThreadDirectory threads = new ThreadDirectory();
    final PoolRegistry pools = new PoolRegistry();
    final PollAggregator polls;
    final ParkAggregator parks;
    final StealAggregator steals = new StealAggregator();
    final WorkerCounterAggregator counters = new WorkerCounterAggregator(threads);
    final QueueAggregator queues;

    TaskflightReader(FindingThresholds t, int maxLongPolls, int maxIdleEpisodes) {
        this.polls = new PollAggregator(t.longPoll(), maxLongPolls, threads);
        this.parks = new ParkAggregator(t.idleWorker(), maxIdleEpisodes, threads);
        this.queues = new QueueAggregator(t.queueBacklog());
    }

    void read(IItemCollection items) {
        forEach(items, EventNames.POOL_INFO, this::poolInfo);
        forEach(items, EventNames.QUEUE_SAMPLE, this::queueSamples);
        forEach(items, EventNames.TASK_POLL, this::taskPolls);
        forEach(items, EventNames.WORKER_PARK, this::workerParks);
        forEach(items, EventNames.TASK_STEAL, this::taskSteals);
        forEach(items, THREAD_START, this::threadStarts);
        List<Sample> samples = new ArrayList<>();
        forEach(items, EventNames.WORKER_SAMPLE, (type, it) -> workerSamples(type, it, samples));
        samples.sort(Comparator.comparingLong(Sample::time));
        samples.forEach(s -> counters.sample(s.key, s.time, s.threadId, s.threadName, s.values, s.localQueueDepth));
    }

    static void forEach(IItemCollection items, String typeId, BiConsumer<IType<IItem>, Iterable<IItem>> action) {
        for (IItemIterable iterable : items.apply(ItemFilters.type(typeId))) {
            List<IItem> list = new ArrayList<>();
            iterable.forEach(list::add);
            action.accept(iterable.getType(), list);
        }
    }

    private void poolInfo(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<String, IItem> kind = ItemFields.accessor(type, TaskflightAttributes.KIND);
        IMemberAccessor<String, IItem> mode = ItemFields.accessor(type, TaskflightAttributes.INSTRUMENTATION);
        IMemberAccessor<String, IItem> version = ItemFields.accessor(type, TaskflightAttributes.VERSION);
        Numeric parallelism = new Numeric(type, "parallelism");
        for (IItem item : items) {
            String name = ItemFields.get(pool, item);
            if (name != null) {
                pools.info(name, orEmpty(ItemFields.get(kind, item)), parallelism.getInt(item, -1),
                        orEmpty(ItemFields.get(mode, item)), orEmpty(ItemFields.get(version, item)));
            }
        }
    }

    private void queueSamples(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<String, IItem> kind = ItemFields.accessor(type, TaskflightAttributes.KIND);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        Numeric parallelism = new Numeric(type, "parallelism");
        Numeric queuedTasks = new Numeric(type, "queuedTasks");
        Numeric submissions = new Numeric(type, "queuedSubmissions");
        Numeric active = new Numeric(type, "activeWorkers");
        Numeric size = new Numeric(type, "poolSize");
        Numeric stealCount = new Numeric(type, "steals");
        Numeric completed = new Numeric(type, "completedTasks");
        for (IItem item : items) {
            String name = orEmpty(ItemFields.get(pool, item));
            pools.sampled(name, ItemFields.get(kind, item), parallelism.getInt(item, -1));
            long queued = QueueAggregator.queuedWork(queuedTasks.get(item, 0), submissions.get(item, -1));
            queues.sample(name, ItemFields.epochNanos(ItemFields.get(start, item), 0), queued,
                    active.getInt(item, -1), size.getInt(item, -1), stealCount.get(item, -1),
                    completed.get(item, -1));
        }
    }

    private void taskPolls(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IQuantity, IItem> duration = ItemFields.accessor(type, JfrAttributes.DURATION);
        IMemberAccessor<IQuantity, IItem> delay = ItemFields.accessor(type, TaskflightAttributes.SCHEDULING_DELAY);
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        IMemberAccessor<IMCThread, IItem> virtual = ItemFields.accessor(type, TaskflightAttributes.VIRTUAL_THREAD);
        IMemberAccessor<IMCType, IItem> taskClass = ItemFields.accessor(type, TaskflightAttributes.TASK_CLASS);
        Numeric worker = new Numeric(type, "worker");
        for (IItem item : items) {
            String name = orEmpty(ItemFields.get(pool, item));
            int index = worker.getInt(item, -1);
            long nanos = ItemFields.nanos(ItemFields.get(duration, item), 0);
            IMCThread t = ItemFields.get(thread, item);
            boolean longPoll = polls.isLong(nanos);
            if (polls.poll(name, index, nanos, ItemFields.nanos(ItemFields.get(delay, item), Long.MIN_VALUE))
                    || longPoll) {
                polls.thread(ItemFields.threadId(t));
            }
            if (longPoll) {
                IMCThread v = ItemFields.get(virtual, item);
                String cls = ItemFields.className(ItemFields.get(taskClass, item));
                polls.longPoll(new LongPollCandidate(name, index, ItemFields.threadId(t), ItemFields.threadName(t),
                        orEmpty(cls), ItemFields.threadId(v), v == null ? null : ItemFields.threadName(v),
                        ItemFields.epochNanos(ItemFields.get(start, item), 0), nanos));
            }
        }
    }

    private void workerParks(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IQuantity, IItem> duration = ItemFields.accessor(type, JfrAttributes.DURATION);
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, JfrAttributes.EVENT_THREAD);
        Numeric worker = new Numeric(type, "worker");
        Numeric queuedTasks = new Numeric(type, "queuedTasks");
        Numeric queuedAtPark = new Numeric(type, "queuedAtPark");
        for (IItem item : items) {
            String name = orEmpty(ItemFields.get(pool, item));
            int index = worker.getInt(item, -1);
            long nanos = ItemFields.nanos(ItemFields.get(duration, item), 0);
            // as the CLI's WorkerParkHandler: the work already queued when the worker began to wait
            long atPark = queuedAtPark.get(item, Long.MIN_VALUE);
            long queued = atPark == Long.MIN_VALUE ? queuedTasks.get(item, 0) : Math.max(0, atPark);
            IMCThread t = ItemFields.get(thread, item);
            boolean withWork = parks.park(name, index, nanos, queued);
            if (withWork || parks.wantsThread()) {
                parks.thread(ItemFields.threadId(t));
            }
            if (withWork) {
                parks.episode(new IdleCandidate(name, index, ItemFields.threadName(t),
                        ItemFields.epochNanos(ItemFields.get(start, item), 0), nanos, queued));
            }
        }
    }

    private void taskSteals(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        Numeric worker = new Numeric(type, "worker");
        for (IItem item : items) {
            steals.steal(orEmpty(ItemFields.get(pool, item)), worker.getInt(item, -1));
        }
    }

    private void threadStarts(IType<IItem> type, Iterable<IItem> items) {
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, TaskflightAttributes.THREAD);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        for (IItem item : items) {
            long id = ItemFields.threadId(ItemFields.get(thread, item));
            if (id >= 0) {
                counters.threadStarted(id, ItemFields.epochNanos(ItemFields.get(start, item), 0));
            }
        }
    }

    private static void workerSamples(IType<IItem> type, Iterable<IItem> items, List<Sample> out) {
        IMemberAccessor<String, IItem> pool = ItemFields.accessor(type, TaskflightAttributes.POOL);
        IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
        IMemberAccessor<IMCThread, IItem> thread = ItemFields.accessor(type, TaskflightAttributes.WORKER_THREAD);
        IMemberAccessor<IQuantity, IItem> busy = ItemFields.accessor(type, TaskflightAttributes.BUSY_TIME);
        IMemberAccessor<IQuantity, IItem> idle = ItemFields.accessor(type, TaskflightAttributes.IDLE_TIME);
        Numeric worker = new Numeric(type, "worker");
        Numeric pollCount = new Numeric(type, "polls");
        Numeric parkCount = new Numeric(type, "parks");
        Numeric stealCount = new Numeric(type, "steals");
        Numeric depth = new Numeric(type, "localQueueDepth");
        for (IItem item : items) {
            IMCThread t = ItemFields.get(thread, item);
            long[] values = {pollCount.get(item, 0), ItemFields.nanos(ItemFields.get(busy, item), 0),
                ItemFields.nanos(ItemFields.get(idle, item), 0), parkCount.get(item, 0), stealCount.get(item, 0)};
            out.add(new Sample(new WorkerKey(ItemFields.get(pool, item), worker.getInt(item, -1)),
                    ItemFields.epochNanos(ItemFields.get(start, item), 0), ItemFields.threadId(t),
                    ItemFields.threadName(t), values, depth.getInt(item, -1)));
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private record Sample(WorkerKey key, long time, long threadId, String threadName, long[] values,
            int localQueueDepth) {
    }
}
