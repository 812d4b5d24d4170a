package dev.taskflight.cli.visual;

import dev.taskflight.analysis.read.IdentityCache;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/** Turns recorded events, read by name and tolerant of missing fields, into {@link SchedulerEvents}. */
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

    /** The JDK slices and their labels. */
    static final Map<String, String> JDK_SLICES = Map.of(MONITOR_ENTER, "monitor enter", MONITOR_WAIT,
            "monitor wait", THREAD_PARK, "park", THREAD_SLEEP, "sleep", SOCKET_READ, "socket read", SOCKET_WRITE,
            "socket write", FILE_READ, "file read", FILE_WRITE, "file write", PINNED, "pinned");

    private final Listener listener;
    private final Map<EventType, Set<String>> fieldsByType = new IdentityHashMap<>();
    private Set<String> fields = Set.of();
    private final IdentityCache<RecordedThread, Long> threadIds = new IdentityCache<>(EventReader::computeId);
    private final IdentityCache<RecordedThread, String> threadNames = new IdentityCache<>(EventReader::computeName);
    private final IdentityCache<RecordedClass, String> classNames = new IdentityCache<>(RecordedClass::getName);
    private EventType lastType;

    EventReader(Listener listener) {
        this.listener = listener;
    }

    /** Returns the names of the events this reader reads. */
    List<String> names() {
        List<String> names = new ArrayList<>(List.of(EventNames.TASK_POLL, EventNames.WORKER_PARK,
                EventNames.QUEUE_SAMPLE, EventNames.POLL_IN_PROGRESS, GC_PAUSE));
        names.addAll(JDK_SLICES.keySet());
        if (listener.wantsCpuSamples()) {
            names.add(EXECUTION_SAMPLE);
        }
        return names;
    }

    /** Reads one event of a type in {@link #names()}. */
    void accept(RecordedEvent e) {
        if (e.getEventType() != lastType) {
            lastType = e.getEventType();
            fields = fieldsByType.computeIfAbsent(lastType, t -> t.getFields().stream()
                    .map(ValueDescriptor::getName).collect(Collectors.toSet()));
        }
        String type = e.getEventType().getName();
        long start = nanos(e.getStartTime());
        long duration = duration(e);
        switch (type) {
            case EventNames.TASK_POLL: {
                RecordedThread t = thread(e, "eventThread");
                RecordedThread v = thread(e, "virtualThread");
                listener.poll(new Poll(string(e, "pool"), (int) number(e, "worker"), id(t), name(t), id(v),
                        v == null ? "" : name(v).isEmpty() ? "#" + v.getJavaThreadId() : name(v),
                        taskName(e), start, duration, timespan(e, "schedulingDelay"),
                        bool(e, "stolen")));
                break;
            }
            case EventNames.WORKER_PARK: {
                RecordedThread t = thread(e, "eventThread");
                listener.park(new Park(string(e, "pool"), (int) number(e, "worker"), id(t), name(t), start, duration,
                        number(e, "queuedTasks")));
                break;
            }
            case EventNames.QUEUE_SAMPLE: {
                long queued = Math.max(0, number(e, "queuedTasks")) + Math.max(0, number(e, "queuedSubmissions"));
                listener.queue(new QueueState(string(e, "pool"), start, queued, (int) number(e, "activeWorkers"),
                        (int) number(e, "poolSize")));
                break;
            }
            case EventNames.POLL_IN_PROGRESS: {
                RecordedThread t = thread(e, "workerThread");
                listener.stuck(new Stuck(string(e, "pool"), (int) number(e, "worker"), id(t), taskName(e),
                        start, timespan(e, "runningTime"), string(e, "stack")));
                break;
            }
            case GC_PAUSE:
                listener.gc(new GcPause(string(e, "name"), start, duration));
                break;
            case EXECUTION_SAMPLE: {
                RecordedThread sampled = thread(e, "sampledThread");
                listener.cpuSample(new CpuSample(id(sampled), name(sampled), start, frames(e)));
                break;
            }
            default:
                String label = JDK_SLICES.get(type);
                if (label != null) {
                    listener.jdk(new JdkSlice(id(thread(e, "eventThread")), label, detail(type, e), start, duration));
                }
        }
    }

    private String detail(String type, RecordedEvent e) {
        switch (type) {
            case MONITOR_ENTER:
            case MONITOR_WAIT:
                return className(e, "monitorClass");
            case THREAD_PARK:
                return className(e, "parkedClass");
            case SOCKET_READ:
            case SOCKET_WRITE:
                return string(e, "host") + ":" + number(e, "port");
            case FILE_READ:
            case FILE_WRITE:
                return string(e, "path");
            default:
                return "";
        }
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

    private static long duration(RecordedEvent e) {
        try {
            return Math.max(0, e.getDuration().toNanos());
        } catch (ArithmeticException ex) {
            return 0;
        }
    }

    /** A missing field reads as {@code null}; which fields a type has is looked up once per type. */
    private Object value(RecordedObject o, String field) {
        if (!fields.contains(field)) {
            return null;
        }
        try {
            return o.getValue(field);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private long number(RecordedObject o, String field) {
        Object v = value(o, field);
        return v instanceof Number ? ((Number) v).longValue() : -1;
    }

    private boolean bool(RecordedObject o, String field) {
        return Boolean.TRUE.equals(value(o, field));
    }

    private String string(RecordedObject o, String field) {
        Object v = value(o, field);
        return v instanceof String ? (String) v : "";
    }

    private long timespan(RecordedObject o, String field) {
        if (!fields.contains(field)) {
            return -1;
        }
        try {
            Duration d = o.getDuration(field);
            return d.isNegative() ? -1 : d.toNanos();
        } catch (RuntimeException ex) {
            return -1;
        }
    }

    /** The lambda's or method reference's defining code if recorded ({@code taskName}), else the task class. */
    private String taskName(RecordedObject o) {
        String name = string(o, FieldNames.TASK_NAME);
        return name.isEmpty() ? className(o, FieldNames.TASK_CLASS) : name;
    }

    private String className(RecordedObject o, String field) {
        Object v = value(o, field);
        return v instanceof RecordedClass ? classNames.get((RecordedClass) v) : "";
    }

    private RecordedThread thread(RecordedObject o, String field) {
        Object v = value(o, field);
        return v instanceof RecordedThread ? (RecordedThread) v : null;
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
