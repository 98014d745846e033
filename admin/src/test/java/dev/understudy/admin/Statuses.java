package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@link NodeStatus} snapshots as the adapter reports them. */
final class Statuses {
    static final ReplicationSettings SETTINGS = new ReplicationSettings(ReplicationMode.SYNC, 64, 20, null, "INFO");

    private Statuses() {
    }

    /** Node a (m1/r1/z1) with 3 primaries and 2 backups, ready, with b (m2/r1/z2) alive; counters 1, 2, 3 .... */
    static NodeStatus ready() {
        return status(true, true, "ready: connected to the broker, 1 other live node(s) can be secondaries [b]",
                List.of(new NodeStatus.Member("b", "m2", "r1", "z2", 2, 3, 120)), counters(0));
    }

    static NodeStatus brokerDown() {
        return status(false, false, "no connection to the broker tcp://127.0.0.1:61616 : sessions are served"
                + " unprotected until it answers", List.of(), counters(0));
    }

    static NodeStatus notStarted() {
        return new NodeStatus(1_000, new NodeStatus.Member("a", "", "", "", 0, 0, 0), false, false, false, false,
                false, "the Understudy resource adapter is not started", SETTINGS, List.of(), 0, Map.of(),
                new NodeStatus.Replication(0, 0, -1, -1, 0, 0, 0), Map.of());
    }

    static NodeStatus withCounters(int offset) {
        NodeStatus r = ready();
        return new NodeStatus(r.takenAtMillis(), r.self(), r.started(), r.brokerConnected(), r.leaseValid(),
                r.leaving(), r.ready(), r.readinessReason(), r.settings(), r.members(), r.unprotected(),
                r.distribution(), r.replication(), counters(offset));
    }

    static NodeStatus withSettings(ReplicationSettings settings) {
        NodeStatus r = ready();
        return new NodeStatus(r.takenAtMillis(), r.self(), r.started(), r.brokerConnected(), r.leaseValid(),
                r.leaving(), r.ready(), r.readinessReason(), settings, r.members(), r.unprotected(),
                r.distribution(), r.replication(), r.counters());
    }

    static NodeStatus withDistribution(Map<String, Integer> distribution) {
        NodeStatus r = ready();
        return new NodeStatus(r.takenAtMillis(), r.self(), r.started(), r.brokerConnected(), r.leaseValid(),
                r.leaving(), r.ready(), r.readinessReason(), r.settings(), r.members(), r.unprotected(), distribution,
                r.replication(), r.counters());
    }

    private static NodeStatus status(boolean ready, boolean connected, String reason, List<NodeStatus.Member> members,
            Map<String, Long> counters) {
        return new NodeStatus(1_795_000_000_000L, new NodeStatus.Member("a", "m1", "r1", "z1", 3, 2, 0), true,
                connected, true, false, ready, reason, SETTINGS, members, 1, Map.of("b", 2),
                new NodeStatus.Replication(1, 15, 850, 700, 4, 12.5, 310.25), counters);
    }

    /** Every counter the adapter reports, in its order, valued 1, 2, 3 ... plus {@code offset}. */
    static Map<String, Long> counters(int offset) {
        Map<String, Long> counters = new LinkedHashMap<>();
        long value = 1 + offset;
        for (String name : CounterHelpTest.documentedCounters().keySet()) {
            counters.put(name, value++);
        }
        return counters;
    }
}
