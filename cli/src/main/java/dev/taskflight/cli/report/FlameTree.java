package dev.taskflight.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU samples merged by stack, from the outermost frame in, for a flame graph; bounded in nodes. */
final class FlameTree {

    static final int MAX_NODES = 20_000;

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        long samples;
    }

    private final Node root = new Node();
    private int nodes;
    private long truncated;

    /** Adds a sample, its frames from the top of the stack. */
    void add(List<String> topFirst) {
        root.samples++;
        Node n = root;
        for (int i = topFirst.size() - 1; i >= 0; i--) {
            Node child = n.children.get(topFirst.get(i));
            if (child == null) {
                if (nodes == MAX_NODES) {
                    truncated++;
                    return;
                }
                child = new Node();
                n.children.put(topFirst.get(i), child);
                nodes++;
            }
            child.samples++;
            n = child;
        }
    }

    /** Adds another tree's samples, within this tree's bound on nodes. */
    void merge(FlameTree other) {
        truncated += other.truncated + merge(root, other.root);
    }

    /** Adds {@code from}'s counts under {@code into}; returns the samples dropped for want of nodes. */
    private long merge(Node into, Node from) {
        into.samples += from.samples;
        long dropped = 0;
        for (Map.Entry<String, Node> e : from.children.entrySet()) {
            Node child = into.children.get(e.getKey());
            if (child == null) {
                if (nodes == MAX_NODES) {
                    dropped += e.getValue().samples; // counted above, as add() counts a cut sample
                    continue;
                }
                child = new Node();
                into.children.put(e.getKey(), child);
                nodes++;
            }
            dropped += merge(child, e.getValue());
        }
        return dropped;
    }

    long samples() {
        return root.samples;
    }

    /** Writes {@code {"n": name, "v": samples, "c": [children]}}, children largest first. */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("truncatedSamples", truncated);
        g.writeFieldName("root");
        write(g, "all samples in long polls", root);
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, String name, Node n) throws IOException {
        g.writeStartObject();
        g.writeStringField("n", name);
        g.writeNumberField("v", n.samples);
        if (!n.children.isEmpty()) {
            g.writeArrayFieldStart("c");
            List<Map.Entry<String, Node>> sorted = new java.util.ArrayList<>(n.children.entrySet());
            sorted.sort((a, b) -> Long.compare(b.getValue().samples, a.getValue().samples));
            for (Map.Entry<String, Node> c : sorted) {
                write(g, c.getKey(), c.getValue());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
