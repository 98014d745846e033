package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.engine.CommitResult.Protection;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.NackReason;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The primary's half of the protocol: creating sessions, versioning their changes, sending them to the
 * secondary, and reacting to what secondaries answer. Loop thread only.
 */
final class PrimarySide {
    private static final int DIGEST_CHUNK = 10_000;
    private final EngineContext ctx;
    /** Invalidated sessions waiting for their secondary's acknowledgement (two generations, see {@link #tick}). */
    private Map<SessionKey, PrimaryRecord> tombstones = new HashMap<>();
    private Map<SessionKey, PrimaryRecord> oldTombstones = new HashMap<>();

    PrimarySide(EngineContext ctx) {
        this.ctx = ctx;
    }

    SessionSnapshot create(SessionKey key, SessionData data) {
        if (ctx.primaries.containsKey(key) || ctx.backups.containsKey(key)) {
            throw new IllegalStateException("Session " + key + " already exists");
        }
        Limits.check(ctx, key, data);
        PrimaryRecord rec = new PrimaryRecord(key, Stamp.INITIAL, data);
        ctx.primaries.put(key, rec);
        ctx.count(Counter.SESSIONS_CREATED);
        protect(rec, Reason.CREATE);
        return rec.snapshot(ctx.selfId());
    }

    /** The record of a session this node serves, or {@link NotOwnerException}. */
    PrimaryRecord owned(SessionKey key) {
        PrimaryRecord rec = ctx.primaries.get(key);
        if (rec == null) {
            throw new NotOwnerException(key, "no primary copy on " + ctx.selfId());
        }
        return rec;
    }

    CompletableFuture<CommitResult> commit(SessionKey key, Changes changes) {
        PrimaryRecord rec = owned(key);
        if (changes.isEmpty()) {
            return CompletableFuture.completedFuture(result(rec, Protection.QUEUED));
        }
        SessionData next = rec.data.apply(changes);
        Limits.check(ctx, key, next);
        rec.data = next;
        rec.stamp = rec.stamp.nextVersion();
        if (rec.secondary == null) {
            protect(rec, Reason.CREATE);
        } else if (rec.needsFullState) {
            sendState(rec, Reason.RESYNC);
        } else {
            ctx.batcher.add(rec.secondary, new Message.Delta(key, rec.stamp, next.metadata(), changes.set(),
                    List.copyOf(changes.removed())));
            rec.queued(EngineContext.now());
            ctx.count(Counter.DELTAS_SENT);
        }
        return completion(rec);
    }

    /** What the caller of a change waits for, by mode. */
    CompletableFuture<CommitResult> completion(PrimaryRecord rec) {
        return completion(rec, false);
    }

    /** @param always wait for the secondary's acknowledgement whatever the mode */
    private CompletableFuture<CommitResult> completion(PrimaryRecord rec, boolean always) {
        if (!ctx.members.isConnected()) {
            return degraded(rec);
        }
        if (rec.secondary == null) {
            return CompletableFuture.completedFuture(result(rec, Protection.UNPROTECTED));
        }
        if (!always && ctx.batcher.mode() != ReplicationMode.SYNC) {
            return CompletableFuture.completedFuture(result(rec, Protection.QUEUED));
        }
        NodeId primary = ctx.selfId();
        Stamp stamp = rec.stamp;
        return rec.await(stamp.version()).handle((ack, failure) -> {
            if (failure instanceof UnprotectedException) {
                return new CommitResult(stamp, primary, rec.secondary, Protection.UNPROTECTED);
            }
            if (failure != null) {
                throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
            }
            return new CommitResult(ack, primary, rec.secondary, Protection.ACKNOWLEDGED);
        });
    }

    /**
     * The broker is unreachable: the change stays here, the session is marked for a full resync when the
     * broker is back, and the caller goes on, told that the change is unprotected (counted and logged).
     */
    private CompletableFuture<CommitResult> degraded(PrimaryRecord rec) {
        ctx.count(Counter.DEGRADED_REQUESTS);
        rec.needsFullState = true;
        return CompletableFuture.completedFuture(result(rec, Protection.UNPROTECTED));
    }

    /** The broker connection was lost: SYNC callers waiting for acknowledgements go on, unprotected. */
    void onBrokerLost() {
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (!rec.waiters.isEmpty()) {
                rec.needsFullState = true;
                rec.failWaiters(new UnprotectedException("the broker is unreachable"));
            }
        }
    }

    private CommitResult result(PrimaryRecord rec, Protection protection) {
        return new CommitResult(rec.stamp, ctx.selfId(), rec.secondary, protection);
    }

    void touch(SessionKey key, long lastAccessed) {
        PrimaryRecord rec = owned(key);
        rec.data = rec.data.withMetadata(rec.data.metadata().withLastAccessed(lastAccessed));
        if (rec.secondary != null && !rec.needsFullState) {
            ctx.batcher.add(rec.secondary, new Message.Touch(key, rec.stamp.epoch(), lastAccessed));
            ctx.count(Counter.TOUCHES_SENT);
        }
    }

    CompletableFuture<CommitResult> invalidate(SessionKey key) {
        PrimaryRecord rec = owned(key);
        ctx.primaries.remove(key);
        ctx.count(Counter.INVALIDATIONS);
        return retire(rec);
    }

    /** Removes the secondary's copy of a session this node no longer has; SYNC waits for it. */
    private CompletableFuture<CommitResult> retire(PrimaryRecord rec) {
        rec.failWaiters(new NotOwnerException(rec.key, "invalidated"));
        if (rec.secondary == null) {
            return CompletableFuture.completedFuture(result(rec, Protection.UNPROTECTED));
        }
        rec.stamp = rec.stamp.nextVersion();
        ctx.batcher.add(rec.secondary, new Message.Invalidate(rec.key, rec.stamp));
        tombstones.put(rec.key, rec);
        return completion(rec);
    }

    CompletableFuture<CommitResult> changeId(SessionKey key, String newId) {
        PrimaryRecord rec = owned(key);
        SessionKey newKey = key.withId(newId);
        if (ctx.primaries.containsKey(newKey) || ctx.backups.containsKey(newKey)) {
            throw new IllegalArgumentException("Session id already in use");
        }
        ctx.primaries.remove(key);
        rec.key = newKey;
        rec.stamp = rec.stamp.nextVersion();
        ctx.primaries.put(newKey, rec);
        ctx.count(Counter.ID_CHANGES);
        if (rec.secondary == null) {
            protect(rec, Reason.CREATE);
        } else {
            ctx.batcher.add(rec.secondary, new Message.ChangeId(key, newId, rec.stamp));
            ctx.batcher.flush();
            rec.queued(EngineContext.now());
            if (rec.needsFullState) {
                sendState(rec, Reason.RESYNC);
            }
        }
        // in every mode: an id change usually follows a login, and a failover before the secondary applied it
        // would bring the pre-login id back (session fixation)
        return completion(rec, true);
    }

    /** Chooses a secondary for {@code rec} and sends it the whole state; leaves it unprotected if none. */
    void protect(PrimaryRecord rec, Reason reason) {
        protect(rec, reason, Set.of());
    }

    /**
     * Chooses a secondary for {@code rec}, never one of {@code avoid} (nodes that just failed to answer), and
     * sends it the whole state. With nobody to choose, the session is unprotected: SYNC callers waiting for
     * an acknowledgement are released as such rather than left to time out.
     */
    void protect(PrimaryRecord rec, Reason reason, Set<NodeId> avoid) {
        Choice choice = ctx.chooseSecondary(avoid);
        rec.choice = choice;
        rec.acked = null;
        rec.secondary = choice.secondary();
        if (choice.secondary() == null) {
            rec.needsFullState = true;
            rec.forgetQueued();
            rec.failWaiters(new UnprotectedException("no live node to back the session"));
            return;
        }
        ctx.members.noteAssigned(choice.secondary());
        LogCode.SECONDARY_CHOSEN.log(EngineContext.LOG, rec.key, choice.explain());
        sendState(rec, reason);
    }

    void sendState(PrimaryRecord rec, Reason reason) {
        ctx.batcher.add(rec.secondary,
                new Message.StateTransfer(rec.key, rec.stamp, ctx.selfId(), reason, null, rec.data));
        rec.queued(EngineContext.now());
        rec.needsFullState = false;
        ctx.count(Counter.STATES_SENT);
        if (reason == Reason.RESYNC) {
            ctx.count(Counter.RESYNCS_SENT);
        }
    }

    void onAck(NodeId from, Message.Ack ack) {
        PrimaryRecord rec = ctx.primaries.get(ack.key());
        if (rec == null) {
            rec = tombstones.containsKey(ack.key()) ? tombstones.remove(ack.key()) : oldTombstones.remove(ack.key());
        }
        if (rec == null || !from.equals(rec.secondary) || ack.stamp().epoch() != rec.stamp.epoch()) {
            ctx.count(Counter.IGNORED_MESSAGES);
            LogCode.IGNORED.log(EngineContext.LOG, "ack " + ack.stamp(), ack.key(), from, "not the current secondary");
            return;
        }
        ctx.count(Counter.ACKS_RECEIVED);
        long queuedAt = rec.acknowledge(ack.stamp());
        if (queuedAt != Long.MIN_VALUE) {
            long latency = EngineContext.now() - queuedAt;
            ctx.lastAckLatency = latency;
            ctx.count(Counter.ACK_LATENCY_SAMPLES);
            ctx.metrics.add(Counter.ACK_LATENCY_MICROS, latency / 1_000);
        }
    }

    void onNack(NodeId from, Message.Nack nack) {
        PrimaryRecord rec = ctx.primaries.get(nack.key());
        if (rec == null) {
            return;
        }
        switch (nack.reason()) {
            case FENCED -> {
                if (isSuperseded(rec, from, nack)) {
                    drop(rec, nack.owner() == null ? from : nack.owner(), nack.current());
                }
            }
            // UNKNOWN_SESSION answers a resync request, which only secondaries send: the dispatcher gives it
            // to the backup side
            case UNKNOWN_SESSION, CONFLICT, REJECTED -> LogCode.IGNORED.log(EngineContext.LOG, "nack " + nack.reason(), nack.key(),
                    from, "secondary refused the state");
        }
    }

    /**
     * Whether a fencing answer still applies to {@code rec}: it may answer a message this node sent before it
     * re-claimed the session at a newer epoch, and then it must not drop the newer record.
     */
    private boolean isSuperseded(PrimaryRecord rec, NodeId from, Message.Nack nack) {
        Stamp current = nack.current();
        if (current == null) {
            return from.equals(rec.secondary);
        }
        return current.epoch() > rec.stamp.epoch()
                || (current.epoch() == rec.stamp.epoch() && !ctx.selfId().equals(nack.owner()));
    }

    /** Stops serving a session another node owns now. */
    void drop(PrimaryRecord rec, NodeId newOwner, Stamp at) {
        ctx.primaries.remove(rec.key);
        ctx.count(Counter.FENCED_LOCALLY);
        LogCode.FENCED_LOCALLY.log(EngineContext.LOG, rec.key, newOwner, at);
        rec.failWaiters(new NotOwnerException(rec.key, "taken over by " + newOwner + " at " + at));
        ctx.events.lost(rec.key);
    }

    void onResyncRequest(NodeId from, Message.ResyncRequest req) {
        PrimaryRecord rec = ctx.primaries.get(req.key());
        if (rec == null) {
            ctx.outbox.send(from, new Message.Nack(req.key(), NackReason.UNKNOWN_SESSION, null, null));
        } else if (from.equals(rec.secondary)) {
            sendState(rec, Reason.RESYNC);
        } else {
            ctx.outbox.send(from, new Message.Release(req.key(), rec.stamp));
        }
    }

    void onRevoke(NodeId from, Message.Revoke revoke) {
        PrimaryRecord rec = ctx.primaries.get(revoke.key());
        if (rec == null || revoke.stamp().epoch() <= rec.stamp.epoch()) {
            ctx.count(Counter.IGNORED_MESSAGES);
            return;
        }
        drop(rec, revoke.newPrimary(), revoke.stamp());
        if (rec.secondary != null && !rec.secondary.equals(from)) {
            ctx.batcher.add(rec.secondary, new Message.Release(rec.key, rec.stamp));
        }
    }

    /** A peer is gone: every session it backed gets a new secondary and the whole state, now. */
    int onPeerLost(NodeId peer) {
        int moved = 0;
        for (PrimaryRecord rec : List.copyOf(ctx.primaries.values())) {
            if (peer.equals(rec.secondary)) {
                ctx.count(Counter.SECONDARY_CHANGES);
                protect(rec, Reason.NEW_SECONDARY);
                moved++;
            }
        }
        return moved;
    }

    /** Periodic work: version digests to secondaries, re-protection of unprotected sessions, tombstones. */
    void tick(int reprotectLimit) {
        oldTombstones.values().forEach(r -> r.failWaiters(new ReplicationTimeoutException(
                "invalidation of " + r.key + " not acknowledged")));
        oldTombstones = tombstones;
        tombstones = new HashMap<>();
        reprotect(reprotectLimit);
        sendDigests();
    }

    int reprotect(int limit) {
        int done = 0;
        if (!ctx.members.hasLivePeers()) {
            return 0;
        }
        for (PrimaryRecord rec : List.copyOf(ctx.primaries.values())) {
            if (done >= limit) {
                break;
            }
            if (rec.secondary == null && rec.verified) { // an unverified copy is not spread before it is checked
                protect(rec, Reason.NEW_SECONDARY);
                done += rec.secondary == null ? 0 : 1;
            }
        }
        return done;
    }

    private void sendDigests() {
        ctx.batcher.flush();
        Map<NodeId, List<Message.DigestEntry>> bySecondary = new HashMap<>();
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (rec.secondary != null && !rec.needsFullState) {
                bySecondary.computeIfAbsent(rec.secondary, k -> new ArrayList<>())
                        .add(new Message.DigestEntry(rec.key, rec.stamp));
            }
        }
        bySecondary.forEach((to, entries) -> {
            for (int i = 0; i < entries.size(); i += DIGEST_CHUNK) {
                List<Message.DigestEntry> chunk = entries.subList(i, Math.min(entries.size(), i + DIGEST_CHUNK));
                ctx.outbox.send(to, new Message.VersionDigest(chunk));
            }
        });
    }

    /** Removes sessions idle past their maximum inactive interval, here and on their secondary. */
    void expire(long nowMillis) {
        for (PrimaryRecord rec : List.copyOf(ctx.primaries.values())) {
            if (rec.data.metadata().isExpired(nowMillis, 0)) {
                ctx.primaries.remove(rec.key);
                ctx.count(Counter.EXPIRED);
                LogCode.EXPIRED.log(EngineContext.LOG, rec.key, "primary");
                retire(rec);
                ctx.events.expired(rec.key, rec.data);
            }
        }
    }

    /** Marks every session for a full resync (after an outage or undeliverable frames to {@code to}). */
    int markForResync(NodeId to) {
        int marked = 0;
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (rec.secondary != null && (to == null || to.equals(rec.secondary))) {
                rec.needsFullState = true;
                marked++;
            }
        }
        return marked;
    }

    /** Sends the whole state of every session marked for it. */
    void resyncMarked() {
        for (PrimaryRecord rec : ctx.primaries.values()) {
            if (rec.secondary != null && rec.needsFullState) {
                sendState(rec, Reason.RESYNC);
            }
        }
    }
}
