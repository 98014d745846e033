package dev.understudy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node's state at one moment, as {@link ReplicationAdmin#status()} reports it: for health checks, metrics
 * and dashboards. Every figure is this node's own view.
 *
 * <p><b>Readiness.</b> {@link #ready()} is true only when the node is started, connected to the broker, holds
 * its membership lease, is not leaving, and either another live node can back its sessions, or it has been
 * connected long enough to have heard every member and is the only one — a single-node cluster, which
 * {@link #readinessReason()} then says. {@link #readinessReason()} always says why, in one line.
 *
 * @param takenAtMillis   when the snapshot was taken ({@link System#currentTimeMillis()})
 * @param self            this node: id, topology, sessions it serves ({@code primaries}) and backs up
 *                        ({@code backups}); {@code lastHeardMillis} is 0
 * @param started         whether the adapter is started (when false, nothing else is meaningful)
 * @param brokerConnected whether the broker connection is up
 * @param leaseValid      whether the node's membership lease is valid (its own heartbeats come back in time)
 * @param leaving         whether the node is handing its sessions over to leave the cluster
 * @param ready           see above
 * @param readinessReason why the node is (not) ready, for humans and health checks
 * @param settings        the settings in force
 * @param members         the other nodes this node believes alive, by id, with their topology and load as
 *                        their last heartbeat reported it
 * @param unprotected     sessions this node serves without a secondary
 * @param distribution    for each secondary (node id), how many of this node's sessions it backs up
 * @param replication     how far replication lags, and how changes travel
 * @param counters        every counter of the engine since start, by name ({@code deltas_sent},
 *                        {@code resyncs_sent}, …), plus {@code admin_changes} and {@code admin_changes_refused}
 *                        (run-time changes applied and refused), in that order; documented in the adapter's README
 */
public record NodeStatus(long takenAtMillis, Member self, boolean started, boolean brokerConnected,
        boolean leaseValid, boolean leaving, boolean ready, String readinessReason, ReplicationSettings settings,
        List<Member> members, int unprotected, Map<String, Integer> distribution, Replication replication,
        Map<String, Long> counters) {

    public NodeStatus {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(readinessReason, "readinessReason");
        Objects.requireNonNull(replication, "replication");
        members = List.copyOf(members);
        distribution = Collections.unmodifiableMap(new LinkedHashMap<>(distribution));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /**
     * A node of the cluster.
     *
     * @param nodeId          its id
     * @param machine         its machine label ({@code ""} when not set), and likewise rack and zone
     * @param primaries       sessions it serves
     * @param backups         sessions it backs up for others
     * @param lastHeardMillis how long ago its last heartbeat arrived (ms; 0 for this node)
     */
    public record Member(String nodeId, String machine, String rack, String zone, int primaries, int backups,
            long lastHeardMillis) {
    }

    /**
     * How changes travel to secondaries.
     *
     * @param unacknowledged             sessions with a change their secondary has not acknowledged yet
     * @param oldestUnacknowledgedMillis how long the oldest of those changes has waited (ms; 0 when none): the
     *                                   replication lag, what a crash of this node could lose now in ASYNC or
     *                                   BATCH
     * @param lastAckLatencyMicros       how long the last acknowledged change took from queued to acknowledged
     *                                   (µs; -1 before the first); in BATCH it includes the time held in a batch
     * @param meanAckLatencyMicros       the same, averaged since start (µs; -1 before the first)
     * @param heldInBatch                BATCH: updates held for the next batch
     * @param meanBatchSize              BATCH: mean number of updates per batch sent (0 before the first)
     * @param bytesPerReplication        mean bytes sent to other nodes per delta or whole state sent (frames to
     *                                   peers, acknowledgements and digests included; 0 before the first)
     */
    public record Replication(int unacknowledged, long oldestUnacknowledgedMillis, long lastAckLatencyMicros,
            long meanAckLatencyMicros, int heldInBatch, double meanBatchSize, double bytesPerReplication) {
    }
}
