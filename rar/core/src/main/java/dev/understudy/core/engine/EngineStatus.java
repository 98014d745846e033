package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's view at one moment: what it serves and backs, who it believes alive, its broker connection and
 * lease, how its sessions spread over secondaries, and how far replication lags.
 *
 * @param node                       this node
 * @param mode                       the replication mode in force
 * @param primaries                  sessions this node serves
 * @param backups                    sessions this node backs up for others
 * @param unprotected                sessions this node serves without a secondary
 * @param liveMembers                the other nodes believed alive, by id
 * @param connected                  whether the broker connection is up
 * @param leaseValid                 whether this node's lease is valid (its own pings come back in time)
 * @param leaving                    whether the node is handing its sessions over to leave
 * @param secondaries                how many of this node's sessions each secondary backs
 * @param heldInBatch                BATCH: messages held for the next batch
 * @param peers                      the other live nodes with their topology and load, by id
 * @param connectedMillis            how long the broker connection has been up (ms), -1 when down
 * @param settled                    connected long enough (two heartbeat intervals) to have heard every live peer
 * @param unacknowledged             protected sessions with a change their secondary has not acknowledged yet
 * @param oldestUnacknowledgedMillis how long the oldest of those changes has waited (ms; 0 when none): the
 *                                   replication lag, what a crash of this node now could lose in ASYNC or BATCH
 * @param lastAckLatencyMicros       how long the last acknowledged change waited for its acknowledgement, from
 *                                   queued to acknowledged (µs; -1 before the first)
 */
public record EngineStatus(NodeInfo node, ReplicationMode mode, int primaries, int backups, int unprotected,
        List<NodeId> liveMembers, boolean connected, boolean leaseValid, boolean leaving,
        Map<NodeId, Integer> secondaries, int heldInBatch, List<Peer> peers, long connectedMillis, boolean settled,
        int unacknowledged, long oldestUnacknowledgedMillis, long lastAckLatencyMicros) {

    public EngineStatus {
        liveMembers = List.copyOf(liveMembers);
        secondaries = Map.copyOf(secondaries);
        peers = List.copyOf(peers);
    }

    /**
     * Another live node as this one knows it from its heartbeats.
     *
     * @param node            its id, number and topology
     * @param primaries       sessions it serves, as of its last heartbeat
     * @param backups         sessions it backs up, as of its last heartbeat
     * @param lastHeardMillis how long ago its last heartbeat arrived (ms)
     */
    public record Peer(NodeInfo node, int primaries, int backups, long lastHeardMillis) {
    }

    static EngineStatus of(EngineContext ctx, boolean leaving) {
        long now = EngineContext.now();
        Map<NodeId, Integer> bySecondary = new TreeMap<>();
        int unprotected = 0;
        int unacknowledged = 0;
        long oldest = Long.MAX_VALUE;
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (rec.secondary == null) {
                unprotected++;
                continue;
            }
            bySecondary.merge(rec.secondary, 1, Integer::sum);
            long queued = rec.oldestQueued();
            if (queued != Long.MAX_VALUE) {
                unacknowledged++;
                oldest = Math.min(oldest, queued);
            }
        }
        List<Peer> peers = ctx.members.peers(now);
        List<NodeId> live = peers.stream().map(p -> p.node().id()).toList();
        boolean connected = ctx.members.isConnected();
        long connectedNanos = connected ? now - ctx.members.connectedSince() : -1;
        boolean settled = connected && connectedNanos >= 2 * ctx.config.heartbeatInterval().toNanos();
        return new EngineStatus(ctx.self, ctx.batcher.mode(), ctx.primaries.size(), ctx.backups.size(),
                unprotected, live, connected, ctx.members.leaseValid(now), leaving, bySecondary, ctx.batcher.held(),
                peers, connected ? connectedNanos / 1_000_000 : -1, settled, unacknowledged,
                oldest == Long.MAX_VALUE ? 0 : Math.max(0, (now - oldest) / 1_000_000),
                ctx.lastAckLatency < 0 ? -1 : ctx.lastAckLatency / 1_000);
    }
}
