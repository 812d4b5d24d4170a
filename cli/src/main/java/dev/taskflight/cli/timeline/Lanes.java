package dev.taskflight.cli.timeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** One process per pool and one thread lane per worker, numbered as first seen, with what was hidden on each. */
final class Lanes {

    /** The process that holds the JVM-wide tracks (GC pauses). */
    static final int JVM_PID = 1;

    /** One worker's lane. */
    static final class Lane {
        final String pool;
        final int worker;
        final int pid;
        final int tid;
        String thread = "";
        long lastEnd = Long.MIN_VALUE;
        long hidden;
        long hiddenNanos;
        long overlapping;

        Lane(String pool, int worker, int pid, int tid) {
            this.pool = pool;
            this.worker = worker;
            this.pid = pid;
            this.tid = tid;
        }

        String name() {
            String n = (worker < 0 ? "worker ?" : "worker " + worker) + (thread.isEmpty() ? "" : " (" + thread + ")");
            return hidden == 0 ? n : n + " [" + hidden + " short polls/parks hidden]";
        }
    }

    private final Map<String, Integer> pools = new LinkedHashMap<>();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();

    /** Returns the pool's process id. */
    int pid(String pool) {
        return pools.computeIfAbsent(pool, p -> JVM_PID + 1 + pools.size());
    }

    /** Returns the worker's lane. */
    Lane lane(String pool, int worker, String thread) {
        Lane lane = lanes.computeIfAbsent(pool + "\u0000" + worker, k -> new Lane(pool, worker, pid(pool),
                worker < 0 ? Integer.MAX_VALUE : worker + 1));
        if (lane.thread.isEmpty() && thread != null) {
            lane.thread = thread;
        }
        return lane;
    }

    Map<String, Integer> pools() {
        return pools;
    }

    Iterable<Lane> lanes() {
        return lanes.values();
    }
}
