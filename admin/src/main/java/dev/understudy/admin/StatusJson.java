package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the REST resource: a {@link NodeStatus} field for field (the adapter's README describes each,
 * section "NodeStatus"), and {@link ReplicationSettings}. Maps keep the record's order, so the JSON reads like the
 * documentation.
 */
final class StatusJson {
    private StatusJson() {
    }

    static Map<String, Object> status(NodeStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("takenAtMillis", s.takenAtMillis());
        m.put("self", member(s.self()));
        m.put("started", s.started());
        m.put("brokerConnected", s.brokerConnected());
        m.put("leaseValid", s.leaseValid());
        m.put("leaving", s.leaving());
        m.put("ready", s.ready());
        m.put("readinessReason", s.readinessReason());
        m.put("settings", s.settings() == null ? null : settings(s.settings()));
        List<Map<String, Object>> members = s.members().stream().map(StatusJson::member).toList();
        m.put("members", members);
        m.put("unprotected", s.unprotected());
        m.put("distribution", s.distribution());
        m.put("replication", replication(s.replication()));
        m.put("counters", s.counters());
        return m;
    }

    static Map<String, Object> settings(ReplicationSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", s.mode().name());
        m.put("batchSize", s.batchSize());
        m.put("batchDelayMillis", s.batchDelayMillis());
        m.put("preferredSecondary", s.preferredSecondary());
        m.put("logLevel", s.logLevel());
        return m;
    }

    static Map<String, Object> member(NodeStatus.Member n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.nodeId());
        m.put("machine", n.machine());
        m.put("rack", n.rack());
        m.put("zone", n.zone());
        m.put("primaries", n.primaries());
        m.put("backups", n.backups());
        m.put("lastHeardMillis", n.lastHeardMillis());
        return m;
    }

    static Map<String, Object> replication(NodeStatus.Replication r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unacknowledged", r.unacknowledged());
        m.put("oldestUnacknowledgedMillis", r.oldestUnacknowledgedMillis());
        m.put("lastAckLatencyMicros", r.lastAckLatencyMicros());
        m.put("meanAckLatencyMicros", r.meanAckLatencyMicros());
        m.put("heldInBatch", r.heldInBatch());
        m.put("meanBatchSize", r.meanBatchSize());
        m.put("bytesPerReplication", r.bytesPerReplication());
        return m;
    }
}
