package dev.taskflight.cli.visual;

import dev.taskflight.analysis.read.EventView;
import dev.taskflight.analysis.read.IdentityCache;
import dev.taskflight.analysis.read.RecordedEventView;
import dev.taskflight.cli.visual.SchedulerEvents.CpuSample;
import dev.taskflight.cli.visual.SchedulerEvents.GcPause;
import dev.taskflight.cli.visual.SchedulerEvents.JdkSlice;
import dev.taskflight.cli.visual.SchedulerEvents.Listener;
import dev.taskflight.cli.visual.SchedulerEvents.Park;
import dev.taskflight.cli.visual.SchedulerEvents.Poll;
import dev.taskflight.cli.visual.SchedulerEvents.QueueState;
import dev.taskflight.cli.visual.SchedulerEvents.Stuck;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/** Turns recorded events, read by field name and tolerant of missing fields, into {@link SchedulerEvents}. */
final class EventReader {

    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String THREAD_SLEEP = "jdk.ThreadSleep";
    static final String SOCKET_READ = "jdk.SocketRead";
    static final String SOCKET_WRITE = "jdk.SocketWrite";
    static final String FILE_READ = "jdk.FileRead";
    static final String FILE_WRITE = "jdk.FileWrite";
    static final String PINNED = "jdk.VirtualThreadPinned";
    static final String GC_PAUSE = "jdk.GCPhasePause";
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    private static final int MAX_FRAMES = 64;
    /** The field of {@code jdk.GCPhasePause} that names the phase. */
    private static final String GC_PHASE_NAME = "name";

    /** The JDK slices and their labels. */
    static final Map<String, String> JDK_SLICES = Map.of(MONITOR_ENTER, "monitor enter", MONITOR_WAIT,
            "monitor wait", THREAD_PARK, "park", THREAD_SLEEP, "sleep", SOCKET_READ, "socket read", SOCKET_WRITE,
            "socket write", FILE_READ, "file read", FILE_WRITE, "file write", PINNED, "pinned");

    private final Listener listener;
    private final RecordedEventView view = new RecordedEventView();
    private final IdentityCache<RecordedThread, Long> threadIds = new IdentityCache<>(EventReader::computeId);
    /** The time of each thread's last {@code TaskSteal} not yet followed by a poll of the thread. */
    private final Map<Long, Long> stealsBeforePoll = new HashMap<>();
    private final IdentityCache<RecordedThread, String> threadNames = new IdentityCache<>(EventReader::computeName);

    EventReader(Listener listener) {
        this.listener = listener;
    }

    /** Returns the names of the events this reader reads. */
    List<String> names() {
        List<String> names = new ArrayList<>(List.of(EventNames.TASK_POLL, EventNames.WORKER_PARK,
                EventNames.QUEUE_SAMPLE, EventNames.POLL_IN_PROGRESS, EventNames.TASK_STEAL, GC_PAUSE));
        names.addAll(JDK_SLICES.keySet());
        if (listener.wantsCpuSamples()) {
            names.add(EXECUTION_SAMPLE);
        }
        return names;
    }

    /**
     * Reads one event of a type in {@link #names()}, through the engine's {@link RecordedEventView}
     * (values by position where the JVM allows, fields looked up once per type).
     */
    void accept(RecordedEvent e) {
        EventView v = view.of(e);
        String type = v.eventName();
        long start = v.startNanos();
        long duration = Math.max(0, v.durationNanos());
        switch (type) {
            case EventNames.TASK_POLL: {
                long virtualId = v.threadId(FieldNames.VIRTUAL_THREAD);
                String virtualName = v.threadName(FieldNames.VIRTUAL_THREAD);
                long delay = v.getNanos(FieldNames.SCHEDULING_DELAY, -1);
                long thread = v.threadId(FieldNames.EVENT_THREAD);
                listener.poll(new Poll(v.getString(FieldNames.POOL, ""), v.getInt(FieldNames.WORKER, -1),
                        thread, v.threadName(FieldNames.EVENT_THREAD), virtualId,
                        virtualId < 0 && virtualName.isEmpty() ? "" : virtualName.isEmpty() ? "#" + virtualId : virtualName,
                        taskName(v), start, duration, delay < 0 ? -1 : delay, stolen(v, thread, start)));
                break;
            }
            case EventNames.TASK_STEAL:
                stealsBeforePoll.put(v.threadId(FieldNames.EVENT_THREAD), start);
                break;
            case EventNames.WORKER_PARK:
                listener.park(new Park(v.getString(FieldNames.POOL, ""), v.getInt(FieldNames.WORKER, -1),
                        v.threadId(FieldNames.EVENT_THREAD), v.threadName(FieldNames.EVENT_THREAD), start, duration,
                        v.getLong(FieldNames.QUEUED_TASKS, -1)));
                break;
            case EventNames.QUEUE_SAMPLE: {
                long queued = Math.max(0, v.getLong(FieldNames.QUEUED_TASKS, -1))
                        + Math.max(0, v.getLong(FieldNames.QUEUED_SUBMISSIONS, -1));
                listener.queue(new QueueState(v.getString(FieldNames.POOL, ""), start, queued,
                        v.getInt(FieldNames.ACTIVE_WORKERS, -1), v.getInt(FieldNames.POOL_SIZE, -1)));
                break;
            }
            case EventNames.POLL_IN_PROGRESS: {
                long running = v.getNanos(FieldNames.RUNNING_TIME, -1);
                listener.stuck(new Stuck(v.getString(FieldNames.POOL, ""), v.getInt(FieldNames.WORKER, -1),
                        v.threadId(FieldNames.WORKER_THREAD), taskName(v), start, running < 0 ? -1 : running,
                        v.getString(FieldNames.STACK, "")));
                break;
            }
            case GC_PAUSE:
                listener.gc(new GcPause(v.getString(GC_PHASE_NAME, ""), start, duration));
                break;
            case EXECUTION_SAMPLE: {
                RecordedThread sampled = e.getThread(FieldNames.SAMPLED_THREAD);
                listener.cpuSample(new CpuSample(id(sampled), name(sampled), start, frames(e)));
                break;
            }
            default:
                String label = JDK_SLICES.get(type);
                if (label != null) {
                    listener.jdk(new JdkSlice(v.threadId(FieldNames.EVENT_THREAD), label, detail(type, v), start,
                            duration));
                }
        }
    }

    private static String detail(String type, EventView v) {
        switch (type) {
            case MONITOR_ENTER:
            case MONITOR_WAIT:
                return orEmpty(v.className(FieldNames.MONITOR_CLASS));
            case THREAD_PARK:
                return orEmpty(v.className(FieldNames.PARKED_CLASS));
            case SOCKET_READ:
            case SOCKET_WRITE:
                return v.getString(FieldNames.HOST, "") + ":" + v.getLong(FieldNames.PORT, -1);
            case FILE_READ:
            case FILE_WRITE:
                return v.getString(FieldNames.PATH, "");
            default:
                return "";
        }
    }

    /**
     * Whether a poll ran a stolen task: its {@code stolen} flag in recordings made before
     * {@code TaskPoll} version 2; since, a {@code TaskSteal} on the poll's thread since its last poll
     * (a worker records the steal just before it runs the task; the trace profile records steals).
     */
    private boolean stolen(EventView v, long thread, long start) {
        boolean stolen = v.getBoolean(FieldNames.STOLEN, false);
        if (!stealsBeforePoll.isEmpty()) {
            Long steal = stealsBeforePoll.remove(thread);
            stolen |= steal != null && steal <= start;
        }
        return stolen;
    }

    /** The lambda's or method reference's defining code if recorded, else the task class, else {@code ""}. */
    private static String taskName(EventView v) {
        return orEmpty(v.taskName());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static List<String> frames(RecordedEvent e) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) {
            if (out.size() == MAX_FRAMES) {
                break;
            }
            if (f.getMethod() != null && f.getMethod().getType() != null) {
                out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
        }
        return out;
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private long id(RecordedThread t) {
        return t == null ? -1 : threadIds.get(t);
    }

    private String name(RecordedThread t) {
        return t == null ? "" : threadNames.get(t);
    }

    private static long computeId(RecordedThread t) {
        return t.getJavaThreadId() > 0 ? t.getJavaThreadId() : -2 - t.getOSThreadId();
    }

    private static String computeName(RecordedThread t) {
        String n = t.getJavaName();
        return n == null || n.isEmpty() ? (t.getOSName() == null ? "" : t.getOSName()) : n;
    }
}
