package dev.understudy.sample.web;

import java.util.function.Supplier;

/**
 * The serving node's id for replies that carry no {@code SessionStatus} (no session, or it was just invalidated):
 * the last id a status named, else the adapter's (asked once it answers), else the system property
 * {@code understudy.nodeId}, else {@code null}. A node's id does not change while it runs.
 */
final class NodeName {
    private final Supplier<String> adapter;
    private volatile String known;

    /** @param adapter asks the adapter; {@code null} when it cannot tell */
    NodeName(Supplier<String> adapter) {
        this.adapter = adapter;
    }

    /** Asks the adapter through {@code probe}. */
    static NodeName of(AdapterProbe probe) {
        return new NodeName(() -> probe.check().node());
    }

    String get() {
        String node = known;
        if (node == null) {
            node = adapter.get();
            if (node == null) {
                return System.getProperty("understudy.nodeId");
            }
            known = node;
        }
        return node;
    }

    /** Remembers the id a session status named. */
    void learn(String node) {
        if (node != null) {
            known = node;
        }
    }
}
