package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's view at one moment: what it serves and backs, who it believes alive, its broker connection and
 * lease, and how its sessions spread over secondaries.
 */
public record EngineStatus(NodeId node, ReplicationMode mode, int primaries, int backups, int unprotected,
        List<NodeId> liveMembers, boolean connected, boolean leaseValid, boolean leaving,
        Map<NodeId, Integer> secondaries, int heldInBatch) {

    static EngineStatus of(EngineContext ctx, boolean leaving) {
        Map<NodeId, Integer> bySecondary = new TreeMap<>();
        int unprotected = 0;
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (rec.secondary == null) {
                unprotected++;
            } else {
                bySecondary.merge(rec.secondary, 1, Integer::sum);
            }
        }
        List<NodeId> live = ctx.members.liveNodes().stream().map(n -> n.id()).sorted().toList();
        return new EngineStatus(ctx.selfId(), ctx.batcher.mode(), ctx.primaries.size(), ctx.backups.size(),
                unprotected, live, ctx.members.isConnected(), ctx.members.leaseValid(EngineContext.now()), leaving,
                bySecondary, ctx.batcher.held());
    }
}
