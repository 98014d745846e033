package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import dev.understudy.core.route.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Taking a session over (seed Fig. 7 and 8): fetch every live copy the route names, keep the newest
 * (epoch, version), and claim it at the arbiter — the node holding the backup copy — by compare-and-set at
 * the next epoch. The arbiter becomes the new primary's secondary; the previous primary, if alive, is
 * revoked. A conflicting claim is retried from a fresh fetch. Loop thread only.
 */
final class Takeover {
    private static final int MAX_ATTEMPTS = 3;

    /** One copy found, with the node that holds it. */
    private record Copy(NodeId holder, Stamp stamp, NodeId primary, SessionData data) {
        boolean isBackup() {
            return !holder.equals(primary);
        }
    }

    private final class Round {
        final SessionKey key;
        final Route hint;
        final int attempt;
        final boolean wide;
        final Set<NodeId> awaited;
        final List<Copy> copies = new ArrayList<>();
        final CompletableFuture<Optional<SessionSnapshot>> result;
        EventLoop.Timer timer;

        Round(SessionKey key, Route hint, int attempt, boolean wide, Set<NodeId> awaited,
                CompletableFuture<Optional<SessionSnapshot>> result) {
            this.key = key;
            this.hint = hint;
            this.attempt = attempt;
            this.wide = wide;
            this.awaited = awaited;
            this.result = result;
        }
    }

    private record Claim(Round round, NodeId arbiter, Stamp stamp, SessionData data, List<NodeId> toRevoke,
            EventLoop.Timer timer) {
    }

    private final EngineContext ctx;
    private final PrimarySide primary;
    private final Map<Long, Round> fetches = new HashMap<>();
    private final Map<SessionKey, Claim> claims = new HashMap<>();
    private final Map<SessionKey, CompletableFuture<Optional<SessionSnapshot>>> opening = new HashMap<>();
    private long nextRequestId = 1;

    Takeover(EngineContext ctx, PrimarySide primary) {
        this.ctx = ctx;
        this.primary = primary;
    }

    /** Takes {@code key} over, joining a takeover of the same key already under way. */
    CompletableFuture<Optional<SessionSnapshot>> takeOver(SessionKey key, Route hint) {
        CompletableFuture<Optional<SessionSnapshot>> running = opening.get(key);
        if (running != null) {
            return running;
        }
        CompletableFuture<Optional<SessionSnapshot>> result = new CompletableFuture<>();
        opening.put(key, result);
        result.whenComplete((r, e) -> opening.remove(key));
        whenSettled(() -> fetch(key, hint, 1, result), key, result);
        return result;
    }

    /**
     * Runs {@code fetch} once this node knows the cluster: connected, and for long enough (two heartbeat
     * intervals) to have heard every live peer. A node that has just started or reconnected would otherwise
     * find nobody to ask and report a live session as missing. Without a broker it fails: a session that
     * cannot be looked for must not be reported as gone.
     */
    private void whenSettled(Runnable fetch, SessionKey key, CompletableFuture<Optional<SessionSnapshot>> result) {
        if (!ctx.members.isConnected()) {
            result.completeExceptionally(new NotOwnerException(key, "the broker is unreachable: cannot look for it"));
            return;
        }
        long wait = ctx.members.connectedSince() + 2 * ctx.config.heartbeatInterval().toNanos() - EngineContext.now();
        if (wait > 0) {
            ctx.loop.schedule(wait, () -> whenSettled(fetch, key, result));
        } else {
            fetch.run();
        }
    }

    private void fetch(SessionKey key, Route hint, int attempt, CompletableFuture<Optional<SessionSnapshot>> result) {
        Set<NodeId> sources = new LinkedHashSet<>();
        if (hint != null) {
            addIfLive(sources, hint.secondary());
            addIfLive(sources, hint.primary());
        }
        PrimaryRecord local = ctx.primaries.get(key);
        if (local != null) {
            addIfLive(sources, local.secondary);
        }
        ask(new Round(key, hint, attempt, false, sources, result));
    }

    /**
     * The route is only a hint: when the nodes it names hold no copy (the secondary changed, then the primary
     * died, before the client came back), every live member is asked once. Only for a verified route.
     */
    private boolean searchWide(Round round) {
        if (round.wide || round.hint == null) {
            return false;
        }
        Set<NodeId> everyone = new LinkedHashSet<>();
        ctx.members.liveNodes().forEach(n -> addIfLive(everyone, n.id()));
        if (everyone.isEmpty()) {
            return false;
        }
        ctx.count(Counter.WIDE_SEARCHES);
        ask(new Round(round.key, round.hint, round.attempt, true, everyone, round.result));
        return true;
    }

    private void ask(Round round) {
        if (round.awaited.isEmpty()) {
            decide(round);
            return;
        }
        long id = nextRequestId++;
        fetches.put(id, round);
        for (NodeId to : round.awaited) {
            ctx.outbox.send(to, new Message.FetchRequest(id, round.key));
        }
        ctx.count(Counter.FETCHES);
        round.timer = ctx.loop.schedule(ctx.config.fetchTimeout().toNanos(), () -> {
            if (fetches.remove(id) != null) {
                decide(round);
            }
        });
    }

    /** Adds {@code node} if it is another live node that can answer (not reported gone by the broker). */
    private void addIfLive(Set<NodeId> sources, NodeId node) {
        if (node != null && !node.equals(ctx.selfId()) && ctx.members.isReachable(node)) {
            sources.add(node);
        }
    }

    /** Answers another node's fetch with this node's copy, primary or backup. */
    void onFetchRequest(NodeId from, Message.FetchRequest req) {
        PrimaryRecord p = ctx.primaries.get(req.key());
        BackupRecord b = ctx.backups.get(req.key());
        Message.FetchReply reply;
        if (p != null) {
            reply = new Message.FetchReply(req.requestId(), req.key(), true, p.stamp, ctx.selfId(), p.secondary, p.data);
        } else if (b != null) {
            reply = new Message.FetchReply(req.requestId(), req.key(), true, b.stamp, b.primary, ctx.selfId(), b.data);
        } else {
            reply = Message.FetchReply.notFound(req.requestId(), req.key());
        }
        ctx.outbox.send(from, reply);
    }

    void onFetchReply(NodeId from, Message.FetchReply reply) {
        Round round = fetches.get(reply.requestId());
        if (round == null || !round.awaited.remove(from) || !round.key.equals(reply.key())) {
            ctx.count(Counter.IGNORED_MESSAGES);
            return;
        }
        if (reply.found()) {
            round.copies.add(new Copy(from, reply.stamp(), reply.primary(), reply.data()));
        }
        if (round.awaited.isEmpty()) {
            fetches.remove(reply.requestId());
            round.timer.cancel();
            decide(round);
        }
    }

    private void decide(Round round) {
        SessionKey key = round.key;
        List<Copy> copies = new ArrayList<>(round.copies);
        BackupRecord localBackup = ctx.backups.get(key);
        PrimaryRecord localPrimary = ctx.primaries.get(key);
        if (localBackup != null) {
            copies.add(new Copy(ctx.selfId(), localBackup.stamp, localBackup.primary, localBackup.data));
        }
        if (localPrimary != null) {
            if (confirmedOwner(localPrimary, copies)) {
                localPrimary.verified = true;
                round.result.complete(Optional.of(localPrimary.snapshot(ctx.selfId())));
                return;
            }
            copies.add(new Copy(ctx.selfId(), localPrimary.stamp, ctx.selfId(), localPrimary.data));
        }
        if (copies.isEmpty()) {
            if (!searchWide(round)) {
                round.result.complete(Optional.empty());
            }
            return;
        }
        Copy newest = copies.get(0);
        long maxEpoch = 0;
        for (Copy c : copies) {
            newest = c.stamp().isNewerThan(newest.stamp()) ? c : newest;
            maxEpoch = Math.max(maxEpoch, c.stamp().epoch());
        }
        Copy arbiter = localBackup != null ? copies.get(round.copies.size()) : pickArbiter(copies);
        Stamp claimed = new Stamp(maxEpoch + 1, newest.stamp().version());
        List<NodeId> toRevoke = new ArrayList<>();
        for (Copy c : copies) {
            if (!c.isBackup() && !c.holder().equals(ctx.selfId()) && !c.holder().equals(arbiter.holder())) {
                toRevoke.add(c.holder());
            }
        }
        if (arbiter.holder().equals(ctx.selfId())) {
            ctx.backups.remove(key);
            PrimaryRecord rec = install(round, claimed, newest.data(), null, toRevoke, "self", newest.holder());
            // a node asked that did not answer (likely the dead primary) is no candidate for the new secondary
            primary.protect(rec, Reason.NEW_SECONDARY, Set.copyOf(round.awaited));
            round.result.complete(Optional.of(rec.snapshot(ctx.selfId())));
            return;
        }
        ctx.outbox.send(arbiter.holder(), new Message.StateTransfer(key, claimed, ctx.selfId(), Reason.CLAIM,
                arbiter.stamp(), newest.data()));
        EventLoop.Timer timer = ctx.loop.schedule(ctx.config.fetchTimeout().toNanos(), () -> {
            Claim c = claims.get(key);
            if (c != null && c.stamp().equals(claimed)) {
                claims.remove(key);
                retry(round, "arbiter " + arbiter.holder() + " did not answer the claim");
            }
        });
        claims.put(key, new Claim(round, arbiter.holder(), claimed, newest.data(), toRevoke, timer));
    }

    /** True when the secondary confirms that this node still owns the session at its epoch. */
    private boolean confirmedOwner(PrimaryRecord local, List<Copy> remote) {
        if (local.verified) {
            return true;
        }
        for (Copy c : remote) {
            if (c.holder().equals(local.secondary)) {
                return ctx.selfId().equals(c.primary()) && c.stamp().epoch() == local.stamp.epoch();
            }
        }
        return local.secondary == null && remote.isEmpty();
    }

    /** The backup holder with the newest copy, else the primary holder with the newest copy. */
    private static Copy pickArbiter(List<Copy> copies) {
        Copy best = null;
        for (Copy c : copies) {
            if (best == null || (c.isBackup() && !best.isBackup())
                    || (c.isBackup() == best.isBackup() && c.stamp().isNewerThan(best.stamp()))) {
                best = c;
            }
        }
        return best;
    }

    /** True when {@code from}'s answer about {@code key} belongs to a claim of this node. */
    boolean isClaimAnswer(NodeId from, SessionKey key) {
        Claim c = claims.get(key);
        return c != null && c.arbiter().equals(from);
    }

    void onClaimAck(Message.Ack ack) {
        Claim c = claims.get(ack.key());
        if (!ack.stamp().equals(c.stamp())) {
            return;
        }
        claims.remove(ack.key());
        c.timer().cancel();
        ctx.backups.remove(ack.key());
        PrimaryRecord rec = install(c.round(), c.stamp(), c.data(), c.arbiter(), c.toRevoke(), c.arbiter().value(),
                c.arbiter());
        c.round().result.complete(Optional.of(rec.snapshot(ctx.selfId())));
    }

    void onClaimNack(Message.Nack nack) {
        Claim c = claims.remove(nack.key());
        c.timer().cancel();
        retry(c.round(), "arbiter " + c.arbiter() + " answered " + nack.reason() + " holding " + nack.current());
    }

    private PrimaryRecord install(Round round, Stamp stamp, SessionData data, NodeId secondary,
            List<NodeId> toRevoke, String arbiter, NodeId newestFrom) {
        PrimaryRecord old = ctx.primaries.remove(round.key);
        if (old != null) {
            old.failWaiters(new NotOwnerException(round.key, "re-claimed at " + stamp));
        }
        PrimaryRecord rec = new PrimaryRecord(round.key, stamp, data);
        rec.secondary = secondary;
        rec.needsFullState = secondary == null;
        rec.acked = secondary == null ? null : stamp;
        ctx.primaries.put(round.key, rec);
        for (NodeId node : toRevoke) {
            ctx.outbox.send(node, new Message.Revoke(round.key, stamp, ctx.selfId()));
        }
        ctx.count(Counter.TAKEOVERS);
        LogCode.TAKEOVER.log(EngineContext.LOG, round.key, stamp, round.hint == null ? "-" : round.hint.primary(),
                arbiter, newestFrom);
        return rec;
    }

    private void retry(Round round, String why) {
        if (round.attempt >= MAX_ATTEMPTS) {
            LogCode.TAKEOVER_FAILED.log(EngineContext.LOG, round.key, why);
            round.result.completeExceptionally(new NotOwnerException(round.key, "takeover failed: " + why));
            return;
        }
        ctx.count(Counter.CLAIM_CONFLICTS);
        fetch(round.key, round.hint, round.attempt + 1, round.result);
    }

    /** A peer died: stop waiting for it in fetches, and retry claims it was arbitrating. */
    void onPeerDead(NodeId peer) {
        onPeerUnreachable(peer);
    }

    /**
     * A peer cannot answer (dead, or its consumer closed): fetches stop waiting for it and decide with the copies
     * they have; claims it was arbitrating are retried from a fresh fetch, which no longer asks it.
     */
    void onPeerUnreachable(NodeId peer) {
        for (Map.Entry<Long, Round> e : List.copyOf(fetches.entrySet())) {
            Round round = e.getValue();
            if (round.awaited.remove(peer) && round.awaited.isEmpty()) {
                fetches.remove(e.getKey());
                round.timer.cancel();
                decide(round);
            }
        }
        for (Claim c : List.copyOf(claims.values())) {
            if (c.arbiter().equals(peer)) {
                claims.remove(c.round().key);
                c.timer().cancel();
                retry(c.round(), "arbiter " + peer + " died");
            }
        }
    }
}
