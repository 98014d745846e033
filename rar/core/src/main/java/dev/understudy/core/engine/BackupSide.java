package dev.understudy.core.engine;

import dev.understudy.core.model.Changes;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import dev.understudy.core.protocol.NackReason;
import java.util.HashSet;
import java.util.List;

/**
 * The secondary's half of the protocol, and the arbiter of ownership (invariant I3): it applies a delta only
 * at {@code version == stored + 1} from the primary it knows at the current epoch (I4), refuses superseded
 * epochs, asks for the whole state on a gap or an unknown session, and grants claims by compare-and-set.
 * Loop thread only.
 */
final class BackupSide {
    private final EngineContext ctx;
    private final PrimarySide primary;

    BackupSide(EngineContext ctx, PrimarySide primary) {
        this.ctx = ctx;
        this.primary = primary;
    }

    void onStateTransfer(NodeId from, Message.StateTransfer st) {
        if (!Limits.acceptsFromWire(ctx, from, "state", st.key(), st.data())) {
            return;
        }
        if (st.reason() == Reason.CLAIM) {
            onClaim(from, st);
            return;
        }
        if (st.reason() == Reason.HANDOFF) {
            onHandoff(from, st);
            return;
        }
        SessionKey key = st.key();
        PrimaryRecord mine = ctx.primaries.get(key);
        if (mine != null) {
            if (st.stamp().epoch() <= mine.stamp.epoch()) {
                fence(from, "state", key, st.stamp(), mine.stamp, ctx.selfId());
                return;
            }
            primary.drop(mine, from, st.stamp());
        }
        BackupRecord rec = ctx.backups.get(key);
        if (rec != null) {
            if (st.stamp().epoch() < rec.stamp.epoch()) {
                fence(from, "state", key, st.stamp(), rec.stamp, rec.primary);
                return;
            }
            if (st.stamp().epoch() == rec.stamp.epoch() && !from.equals(rec.primary)) {
                fence(from, "state", key, st.stamp(), rec.stamp, rec.primary);
                return;
            }
            if (st.stamp().epoch() == rec.stamp.epoch() && st.stamp().version() < rec.stamp.version()) {
                ctx.count(Counter.STALE_DROPPED);
                LogCode.DUPLICATE.log(EngineContext.LOG, "stale state", st.stamp(), key, rec.stamp);
                ctx.outbox.ack(from, key, rec.stamp);
                return;
            }
        }
        install(from, st);
    }

    private void install(NodeId from, Message.StateTransfer st) {
        BackupRecord rec = new BackupRecord(st.key(), st.stamp(), st.data(), from);
        ctx.backups.put(st.key(), rec);
        ctx.count(Counter.STATES_APPLIED);
        ctx.outbox.ack(from, st.key(), st.stamp());
    }

    /**
     * A node takes the session over. Granted only if this node's copy (backup or primary) still has the stamp
     * the claimer read, so a claim can never overwrite changes this node acknowledged meanwhile. Granting
     * makes this node the claimer's secondary.
     */
    private void onClaim(NodeId from, Message.StateTransfer st) {
        SessionKey key = st.key();
        BackupRecord rec = ctx.backups.get(key);
        PrimaryRecord mine = ctx.primaries.get(key);
        Stamp current = rec != null ? rec.stamp : mine != null ? mine.stamp : null;
        NodeId owner = rec != null ? rec.primary : mine != null ? ctx.selfId() : null;
        if (current == null || !current.equals(st.expected()) || st.stamp().epoch() <= current.epoch()) {
            ctx.count(Counter.CLAIM_CONFLICTS);
            LogCode.CLAIM_CONFLICT.log(EngineContext.LOG, key, from, st.expected(), current);
            ctx.outbox.send(from, new Message.Nack(key, NackReason.CONFLICT, current, owner));
            return;
        }
        if (mine != null) {
            primary.drop(mine, from, st.stamp());
            if (mine.secondary != null && !mine.secondary.equals(from)) {
                ctx.batcher.add(mine.secondary, new Message.Release(key, mine.stamp));
            }
        }
        install(from, st);
    }

    /** A leaving primary hands its session to this node, its secondary: this node serves it from now on. */
    private void onHandoff(NodeId from, Message.StateTransfer st) {
        BackupRecord rec = ctx.backups.get(st.key());
        if ((rec != null && !from.equals(rec.primary)) || ctx.primaries.containsKey(st.key())) {
            fence(from, "handoff", st.key(), st.stamp(), rec != null ? rec.stamp : null, null);
            return;
        }
        ctx.backups.remove(st.key());
        PrimaryRecord promoted = new PrimaryRecord(st.key(), st.stamp(), st.data());
        ctx.primaries.put(st.key(), promoted);
        ctx.count(Counter.HANDOFFS);
        ctx.outbox.ack(from, st.key(), st.stamp());
        primary.protect(promoted, Reason.NEW_SECONDARY);
        ctx.events.promoted(st.key());
    }

    void onDelta(NodeId from, Message.Delta d) {
        BackupRecord rec = checked(from, "delta", d.key(), d.stamp());
        if (rec == null) {
            return;
        }
        long expected = rec.stamp.version() + 1;
        if (d.stamp().version() < expected) {
            boolean duplicate = d.stamp().version() == rec.stamp.version();
            ctx.count(duplicate ? Counter.DUPLICATES_DROPPED : Counter.STALE_DROPPED);
            LogCode.DUPLICATE.log(EngineContext.LOG, duplicate ? "duplicate delta" : "stale delta", d.stamp(),
                    d.key(), rec.stamp);
            ctx.outbox.ack(from, d.key(), rec.stamp);
        } else if (d.stamp().version() > expected) {
            ctx.count(Counter.GAPS);
            LogCode.GAP.log(EngineContext.LOG, d.key(), rec.stamp, d.stamp(), from);
            askForState(rec.key, rec, from);
        } else {
            var next = rec.data.apply(new Changes(d.set(), new HashSet<>(d.removed()), d.metadata()));
            if (!Limits.acceptsFromWire(ctx, from, "delta", d.key(), next)) {
                return;
            }
            rec.data = next;
            rec.stamp = d.stamp();
            rec.suspect = false; // the primary still sends here: this node is still its secondary
            ctx.count(Counter.DELTAS_APPLIED);
            ctx.outbox.ack(from, d.key(), d.stamp());
        }
    }

    /**
     * The backup record a message from {@code from} at {@code stamp} may change, or {@code null} after
     * answering: superseded epochs are fenced, unknown sessions and newer epochs trigger a resync.
     */
    private BackupRecord checked(NodeId from, String what, SessionKey key, Stamp stamp) {
        PrimaryRecord mine = ctx.primaries.get(key);
        if (mine != null) {
            if (stamp.epoch() <= mine.stamp.epoch()) {
                fence(from, what, key, stamp, mine.stamp, ctx.selfId());
            } else {
                primary.drop(mine, from, stamp);
                askForState(key, null, from);
            }
            return null;
        }
        BackupRecord rec = ctx.backups.get(key);
        if (rec == null) {
            ctx.count(Counter.UNKNOWN_SESSION);
            LogCode.UNKNOWN_SESSION.log(EngineContext.LOG, what, key, from);
            askForState(key, null, from);
            return null;
        }
        if (stamp.epoch() < rec.stamp.epoch() || (stamp.epoch() == rec.stamp.epoch() && !from.equals(rec.primary))) {
            fence(from, what, key, stamp, rec.stamp, rec.primary);
            return null;
        }
        if (stamp.epoch() > rec.stamp.epoch()) {
            ctx.count(Counter.GAPS);
            LogCode.GAP.log(EngineContext.LOG, key, rec.stamp, stamp, from);
            askForState(key, rec, from);
            return null;
        }
        return rec;
    }

    private void askForState(SessionKey key, BackupRecord rec, NodeId from) {
        long now = EngineContext.now();
        if (rec != null && rec.resyncAskedAt != Long.MIN_VALUE
                && now - rec.resyncAskedAt < ctx.config.fetchTimeout().toNanos()) {
            return;
        }
        if (rec != null) {
            rec.resyncAskedAt = now;
        }
        ctx.count(Counter.RESYNC_REQUESTS_SENT);
        ctx.outbox.send(from, new Message.ResyncRequest(key, rec == null ? null : rec.stamp));
    }

    private void fence(NodeId from, String what, SessionKey key, Stamp got, Stamp holding, NodeId owner) {
        ctx.count(Counter.FENCED_REJECTIONS);
        LogCode.FENCED.log(EngineContext.LOG, what, key, from, got, holding);
        ctx.outbox.send(from, new Message.Nack(key, NackReason.FENCED, holding, owner));
    }

    void onTouch(NodeId from, Message.Touch t) {
        BackupRecord rec = ctx.backups.get(t.key());
        if (rec != null && from.equals(rec.primary) && rec.stamp.epoch() == t.epoch()) {
            rec.data = rec.data.withMetadata(rec.data.metadata().withLastAccessed(t.lastAccessedTime()));
        } else {
            ctx.count(Counter.IGNORED_MESSAGES);
        }
    }

    void onInvalidate(NodeId from, Message.Invalidate inv) {
        BackupRecord rec = ctx.backups.get(inv.key());
        if (rec != null && from.equals(rec.primary) && rec.stamp.epoch() == inv.stamp().epoch()) {
            ctx.backups.remove(inv.key());
            ctx.outbox.ack(from, inv.key(), inv.stamp());
        } else {
            ctx.count(Counter.IGNORED_MESSAGES);
            LogCode.IGNORED.log(EngineContext.LOG, "invalidate", inv.key(), from, "no matching copy");
        }
    }

    void onChangeId(NodeId from, Message.ChangeId c) {
        SessionKey newKey = c.key().withId(c.newId());
        BackupRecord rec = checked(from, "id change", c.key(), c.stamp());
        if (rec == null) {
            askForState(newKey, null, from);
            return;
        }
        ctx.backups.remove(c.key());
        if (c.stamp().version() != rec.stamp.version() + 1) {
            ctx.count(Counter.GAPS);
            askForState(newKey, null, from);
            return;
        }
        BackupRecord moved = new BackupRecord(newKey, c.stamp(), rec.data, from);
        ctx.backups.put(newKey, moved);
        ctx.outbox.ack(from, newKey, c.stamp());
    }

    void onRelease(NodeId from, Message.Release r) {
        BackupRecord rec = ctx.backups.get(r.key());
        if (rec != null && from.equals(rec.primary) && rec.stamp.epoch() <= r.stamp().epoch()) {
            ctx.backups.remove(r.key());
        }
    }

    /** The primary does not know a session this node asked about: the copy is stale. */
    void onUnknownAtPrimary(NodeId from, SessionKey key) {
        BackupRecord rec = ctx.backups.get(key);
        if (rec != null && from.equals(rec.primary)) {
            ctx.backups.remove(key);
            ctx.count(Counter.STALE_DROPPED);
        }
    }

    void onDigest(NodeId from, Message.VersionDigest digest) {
        for (Message.DigestEntry e : digest.entries()) {
            BackupRecord rec = ctx.backups.get(e.key());
            if (rec == null || !from.equals(rec.primary) || !rec.stamp.equals(e.stamp())) {
                ctx.count(Counter.DIGEST_MISMATCHES);
                LogCode.DIGEST_MISMATCH.log(EngineContext.LOG, ctx.selfId(), rec == null ? "nothing" : rec.stamp,
                        e.key(), from, e.stamp());
                if (rec == null || e.stamp().isNewerThan(rec.stamp) || !from.equals(rec.primary)) {
                    ctx.outbox.send(from, new Message.ResyncRequest(e.key(), rec == null ? null : rec.stamp));
                    ctx.count(Counter.RESYNC_REQUESTS_SENT);
                }
            }
        }
    }

    /** The primary of these copies died: this node serves them from now on, at the next epoch (seed ¶27-29). */
    int promoteAllOf(NodeId deadPrimary) {
        int promoted = 0;
        for (BackupRecord rec : List.copyOf(ctx.backups.values())) {
            if (deadPrimary.equals(rec.primary)) {
                ctx.backups.remove(rec.key);
                PrimaryRecord p = new PrimaryRecord(rec.key, rec.stamp.nextEpoch(), rec.data);
                // a copy held across this node's own lease lapse may be outdated: asked about before serving
                p.verified = !rec.suspect;
                ctx.primaries.put(rec.key, p);
                ctx.count(Counter.PROACTIVE_TAKEOVERS);
                ctx.events.promoted(rec.key);
                promoted++;
            }
        }
        return promoted;
    }

    /** This node's lease lapsed: every copy it holds may have been moved elsewhere meanwhile (see {@code suspect}). */
    void suspectAll() {
        ctx.backups.values().forEach(rec -> rec.suspect = true);
    }

    /** Removes copies idle well past their interval (the primary's touches may lag by a batch window). */
    void expire(long nowMillis) {
        long grace = ctx.config.failureTimeout().toMillis() + ctx.config.expiryInterval().toMillis()
                + Math.max(ctx.config.batchDelay().toMillis(), ctx.settings.batchDelay().toMillis());
        ctx.backups.values().removeIf(rec -> {
            boolean expired = rec.data.metadata().isExpired(nowMillis, grace);
            if (expired) {
                ctx.count(Counter.EXPIRED);
                LogCode.EXPIRED.log(EngineContext.LOG, rec.key, "secondary");
            }
            return expired;
        });
    }
}
