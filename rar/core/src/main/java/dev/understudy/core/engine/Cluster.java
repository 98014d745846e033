package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.protocol.Message;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The engine's side of membership: sends heartbeats and lease pings, judges peers, and turns joins, leaves
 * and deaths into protocol work — proactive takeover of what a dead primary owned, new secondaries for what
 * a dead secondary backed (ARCHITECTURE §5). Loop thread only.
 */
final class Cluster {
    private static final int REPROTECT_PER_TICK = 500;
    /** How long a consumer-closed hint waits, its own ping returned, before the peer is declared dead. */
    static final long HINT_CONFIRMATION_NANOS = 200_000_000L;
    private final EngineContext ctx;
    private final PrimarySide primary;
    private final BackupSide backup;
    private final Takeover takeover;
    private boolean leaseLapsed;
    private long disconnectedAt = Long.MIN_VALUE;
    /** Peers this node declared dead, with the incarnation it declared dead: one heard again was alive all along. */
    private final Map<NodeId, Long> declaredDead = new HashMap<>();
    /** Consumer-closed hints whose own-path ping has not come back yet: peer → when the hint arrived. */
    private final Map<NodeId, Long> unprovenHints = new HashMap<>();

    Cluster(EngineContext ctx, PrimarySide primary, BackupSide backup, Takeover takeover) {
        this.ctx = ctx;
        this.primary = primary;
        this.backup = backup;
        this.takeover = takeover;
    }

    /** Every heartbeat interval: announce, ping self, judge peers, check the lease, re-protect. */
    void tick() {
        long now = EngineContext.now();
        ctx.outbox.broadcast(new Message.Heartbeat(ctx.self, ctx.primaries.size(), ctx.backups.size()));
        ctx.outbox.send(ctx.selfId(), new Message.Ping(now, now));
        checkLease(now);
        for (NodeInfo dead : ctx.members.detectFailures(now)) {
            declaredDead.put(dead.id(), dead.number());
            declareDead(dead.id(), "silent for more than " + ctx.config.failureTimeout().toMillis() + " ms");
        }
        if (ctx.members.isConnected()) {
            primary.resyncMarked();
            primary.reprotect(REPROTECT_PER_TICK);
        }
    }

    /** Whether this node may serve its sessions without asking (see {@link Membership}). */
    boolean checkLease(long now) {
        boolean valid = ctx.members.leaseValid(now);
        if (!valid && ctx.members.isConnected() && !leaseLapsed && ctx.members.millisSinceLastPing(now) >= 0) {
            leaseLapsed = true;
            ctx.members.noteLeaseLapsed(now);
            ctx.count(Counter.LEASE_LAPSES);
            LogCode.LEASE_LAPSED.log(EngineContext.LOG, ctx.members.millisSinceLastPing(now), ctx.primaries.size());
            ctx.primaries.values().forEach(r -> r.verified = false);
            backup.suspectAll();
        }
        return valid;
    }

    void onHeartbeat(Message.Heartbeat hb) {
        NodeId id = hb.node().id();
        if (id.equals(ctx.selfId())) {
            return;
        }
        Membership.Arrival arrival = ctx.members.onHeartbeat(hb, EngineContext.now());
        if (arrival != Membership.Arrival.KNOWN) {
            ctx.directory.record(hb.node());
        }
        Long deadIncarnation = declaredDead.remove(id);
        switch (arrival) {
            case JOINED -> {
                if (deadIncarnation != null && deadIncarnation == hb.node().number()) {
                    releaseCopiesOf(id);
                }
                joined(hb);
            }
            case RESTARTED -> {
                LogCode.PEER_RETURNED.log(EngineContext.LOG, id, hb.node().number());
                lost(id, "restarted");
                joined(hb);
            }
            case KNOWN -> { }
        }
    }

    /**
     * {@code peer} was declared dead by mistake (a pause, a lost hint, a partition) and kept the copies it backed
     * for this node, while this node moved those sessions to other secondaries and went on: were this node to die
     * now, {@code peer} would promote outdated copies. It is told to drop its copy of every session it no longer
     * backs ({@code Release}; it drops only copies whose primary is this node, at or below the stamp's epoch).
     */
    private void releaseCopiesOf(NodeId peer) {
        int released = 0;
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (!peer.equals(rec.secondary)) {
                ctx.batcher.add(peer, new Message.Release(rec.key, rec.stamp));
                released++;
            }
        }
        ctx.metrics.add(Counter.STALE_COPIES_RELEASED, released);
        LogCode.PEER_CAME_BACK.log(EngineContext.LOG, peer, released);
    }

    private void joined(Message.Heartbeat hb) {
        ctx.count(Counter.PEERS_JOINED);
        LogCode.PEER_JOINED.log(EngineContext.LOG, hb.node().id(), hb.node().topology());
        primary.reprotect(REPROTECT_PER_TICK);
    }

    void onLeave(NodeId from, Message.Leave leave) {
        if (from.equals(ctx.selfId()) || !ctx.members.remove(from)) {
            return;
        }
        declaredDead.remove(from);
        ctx.count(Counter.PEERS_LEFT);
        int promoted = backup.promoteAllOf(from);
        int moved = primary.onPeerLost(from);
        takeover.onPeerDead(from);
        LogCode.PEER_LEFT.log(EngineContext.LOG, from, moved + promoted);
    }

    void onPing(NodeId from, Message.Ping ping) {
        if (from.equals(ctx.selfId())) {
            ctx.members.onPing(ping);
            if (leaseLapsed && ctx.members.leaseValid(EngineContext.now())) {
                leaseLapsed = false;
            }
            proveHints();
        }
    }

    /**
     * The broker says the peer's consumer closed: a killed process shows up here almost at once. But a broker
     * shutting down closes every consumer too, and must not look like every peer dying. So this node first proves
     * its own path: it sends itself a ping at once, and acts on the hint after {@link #HINT_CONFIRMATION_NANOS} if
     * that ping came back through the broker, this node is still connected with a valid lease, and nothing was
     * heard from the peer since — a broker that is shutting down has closed this node's connection too by then.
     * Otherwise the hint is looked at again after two heartbeat intervals, as before (a late ping, a busy broker).
     * Declaring a live peer dead by mistake costs an unneeded takeover, never data: its copies are fenced by epoch.
     */
    void onPeerGone(NodeId peer) {
        if (peer.equals(ctx.selfId()) || !ctx.members.isLive(peer)) {
            return;
        }
        long hintedAt = EngineContext.now();
        unprovenHints.putIfAbsent(peer, hintedAt);
        ctx.outbox.send(ctx.selfId(), new Message.Ping(hintedAt, hintedAt));
        ctx.loop.schedule(Math.min(HINT_CONFIRMATION_NANOS, ctx.config.heartbeatInterval().toNanos() * 2), () -> {
            if (ctx.members.pingReturnedSince(hintedAt)) {
                judgeHint(peer, hintedAt);
            }
        });
        ctx.loop.schedule(ctx.config.heartbeatInterval().toNanos() * 2, () -> judgeHint(peer, hintedAt));
    }

    /**
     * A self-ping came back: every hint older than it is proven not to be this node's own trouble, so nobody
     * waits for an answer from those peers any more — with its consumer closed, a peer receives no frame, alive
     * or not. Requests waiting to take a session over go on at once with the copies they have (the session's
     * backup, by the rules of a takeover); the verdict on the peer itself still waits for
     * {@link #HINT_CONFIRMATION_NANOS} (a broker shutting down closes every consumer).
     */
    private void proveHints() {
        Iterator<Map.Entry<NodeId, Long>> it = unprovenHints.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<NodeId, Long> hint = it.next();
            if (!ctx.members.pingReturnedSince(hint.getValue())) {
                continue;
            }
            it.remove();
            if (ctx.members.lastSeen(hint.getKey()) < hint.getValue() && ctx.members.mayJudgePeers(EngineContext.now())
                    && ctx.members.markUnreachable(hint.getKey(), hint.getValue())) {
                ctx.count(Counter.PEERS_UNREACHABLE);
                takeover.onPeerUnreachable(hint.getKey());
            }
        }
    }

    private void judgeHint(NodeId peer, long hintedAt) {
        long now = EngineContext.now();
        if (ctx.members.isLive(peer) && ctx.members.mayJudgePeers(now) && ctx.members.lastSeen(peer) < hintedAt) {
            declareDead(peer, "the broker reported its consumer closed");
        }
    }

    void declareDead(NodeId peer, String why) {
        if (ctx.members.isLive(peer)) {
            declaredDead.put(peer, ctx.members.incarnation(peer));
        }
        ctx.members.remove(peer);
        ctx.count(Counter.PEERS_DECLARED_DEAD);
        lost(peer, why);
    }

    private void lost(NodeId peer, String why) {
        int promoted = backup.promoteAllOf(peer);
        int moved = primary.onPeerLost(peer);
        takeover.onPeerDead(peer);
        LogCode.PEER_DEAD.log(EngineContext.LOG, peer, why, promoted, moved);
    }

    void onConnected() {
        long now = EngineContext.now();
        ctx.members.onConnected(now);
        int marked = 0;
        if (disconnectedAt != Long.MIN_VALUE) {
            marked = primary.markForResync(null);
            if (now - disconnectedAt > ctx.config.failureTimeout().toNanos() - ctx.config.heartbeatInterval().toNanos()) {
                ctx.primaries.values().forEach(r -> r.verified = false);
                backup.suspectAll();
            }
            disconnectedAt = Long.MIN_VALUE;
        }
        LogCode.BROKER_UP.log(EngineContext.LOG, marked);
        tick();
    }

    void onDisconnected(Throwable cause) {
        if (disconnectedAt == Long.MIN_VALUE) {
            disconnectedAt = EngineContext.now();
        }
        ctx.members.onDisconnected();
        unprovenHints.clear(); // hints heard before the outage say nothing once it is over
        primary.onBrokerLost();
        LogCode.BROKER_DOWN.log(EngineContext.LOG, String.valueOf(cause));
    }
}
