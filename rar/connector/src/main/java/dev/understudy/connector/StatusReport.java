package dev.understudy.connector;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.core.engine.Counter;
import dev.understudy.core.engine.EngineMetrics;
import dev.understudy.core.engine.EngineStatus;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link NodeStatus} operators see from the engine's status and counters, and decides readiness
 * (issue 6): ready only when started, connected to the broker with a valid lease, not leaving, and another live
 * node can be a secondary — or, after listening for the members long enough, this is the only node, which the
 * reason then says.
 */
final class StatusReport {
    private static final NodeStatus.Replication NO_REPLICATION = new NodeStatus.Replication(0, 0, -1, -1, 0, 0, 0);

    private StatusReport() {
    }

    /** The status of a running adapter. */
    static NodeStatus of(AdapterRuntime rt, ReplicationSettings settings, Map<String, Long> adminCounters) {
        long at = System.currentTimeMillis();
        Map<String, Long> counters = counters(rt.engine().metrics(), adminCounters);
        EngineStatus s;
        try {
            s = rt.engine().status();
        } catch (RuntimeException e) {
            NodeInfo node = rt.engine().node();
            return new NodeStatus(at, member(node, 0, 0, 0), true, rt.brokerConnected(), false, false, false,
                    "the engine does not answer: " + e.getMessage(), settings, List.of(), 0, Map.of(),
                    NO_REPLICATION, counters);
        }
        List<NodeStatus.Member> members = s.peers().stream()
                .map(p -> member(p.node(), p.primaries(), p.backups(), p.lastHeardMillis())).toList();
        Map<String, Integer> distribution = new TreeMap<>();
        s.secondaries().forEach((node, count) -> distribution.put(node.value(), count));
        boolean connected = rt.brokerConnected() && s.connected();
        String notReady = notReady(rt, s, connected);
        String reason = notReady != null ? notReady : ready(s);
        return new NodeStatus(at, member(s.node(), s.primaries(), s.backups(), 0), true, connected, s.leaseValid(),
                s.leaving(), notReady == null, reason, settings, members, s.unprotected(), distribution,
                replication(s, counters), counters);
    }

    /** The status of an adapter that is not started: not ready, and nothing else known. */
    static NodeStatus notStarted(String nodeId, ReplicationSettings settings, Map<String, Long> adminCounters) {
        NodeStatus.Member self = new NodeStatus.Member(nodeId == null ? "" : nodeId, "", "", "", 0, 0, 0);
        ReplicationSettings shown = settings != null ? settings
                : new ReplicationSettings(ReplicationMode.SYNC, 0, 0, null, LogLevels.current());
        return new NodeStatus(System.currentTimeMillis(), self, false, false, false, false, false,
                "the Understudy resource adapter is not started", shown, List.of(), 0, Map.of(), NO_REPLICATION,
                adminCounters);
    }

    /** Why the node is not ready, or {@code null} if it is. */
    private static String notReady(AdapterRuntime rt, EngineStatus s, boolean connected) {
        if (s.leaving()) {
            return "node " + s.node().id() + " is leaving the cluster: its sessions go to their secondaries";
        }
        if (!connected) {
            return "no connection to the broker " + rt.settings().transportConfig().redactedBrokerUrl()
                    + ": sessions are served unprotected until it answers";
        }
        if (!s.leaseValid()) {
            return "the membership lease is not valid (yet): this node's own heartbeats have not come back in time";
        }
        if (s.peers().isEmpty() && !s.settled()) {
            return "connected for " + Math.max(0, s.connectedMillis()) + " ms only: still listening for the other"
                    + " members of the cluster";
        }
        return null;
    }

    private static String ready(EngineStatus s) {
        if (s.peers().isEmpty()) {
            return "ready as a single-node cluster: no other live node, so sessions are served without a secondary"
                    + " until one joins";
        }
        List<String> ids = s.peers().stream().map(p -> p.node().id().value()).toList();
        return "ready: connected to the broker, " + ids.size() + " other live node(s) can be secondaries " + ids;
    }

    private static NodeStatus.Member member(NodeInfo node, int primaries, int backups, long lastHeard) {
        Topology t = node.topology();
        return new NodeStatus.Member(node.id().value(), t.machine(), t.rack(), t.zone(), primaries, backups,
                lastHeard);
    }

    /** Every engine counter by its lower-case name, in declaration order, then the adapter's own. */
    static Map<String, Long> counters(EngineMetrics metrics, Map<String, Long> adminCounters) {
        Map<String, Long> all = new LinkedHashMap<>();
        metrics.snapshot().forEach((c, v) -> all.put(name(c), v));
        all.putAll(adminCounters);
        return all;
    }

    static String name(Counter c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static NodeStatus.Replication replication(EngineStatus s, Map<String, Long> c) {
        long samples = c.get(name(Counter.ACK_LATENCY_SAMPLES));
        long meanLatency = samples == 0 ? -1 : c.get(name(Counter.ACK_LATENCY_MICROS)) / samples;
        long batches = c.get(name(Counter.BATCH_FLUSHES_BY_COUNT)) + c.get(name(Counter.BATCH_FLUSHES_BY_TIME))
                + c.get(name(Counter.BATCH_FLUSHES_FORCED));
        double meanBatch = batches == 0 ? 0 : (double) c.get(name(Counter.BATCHED_MESSAGES)) / batches;
        long replications = c.get(name(Counter.DELTAS_SENT)) + c.get(name(Counter.STATES_SENT));
        double bytesPer = replications == 0 ? 0 : (double) c.get(name(Counter.REPLICATION_BYTES)) / replications;
        return new NodeStatus.Replication(s.unacknowledged(), s.oldestUnacknowledgedMillis(),
                s.lastAckLatencyMicros(), meanLatency, s.heldInBatch(), meanBatch, bytesPer);
    }

    /** For logs: {@code b} or {@code none}. */
    static String nodeOrNone(NodeId node) {
        return node == null ? "none" : node.value();
    }
}
