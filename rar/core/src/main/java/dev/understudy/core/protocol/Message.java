package dev.understudy.core.protocol;

import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every message of the replication protocol. Messages travel inside a {@link Frame}; the sender is the
 * frame's. Attribute values are opaque bytes. The wire layout of each is in {@code FrameCodec}.
 */
public sealed interface Message {

    /** Broadcast every heartbeat interval: "I am alive", with the load the secondary choice weighs. */
    record Heartbeat(NodeInfo node, int primaries, int backups) implements Message {
        public Heartbeat {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Broadcast by a node that leaves gracefully, after it has handed its primaries over. */
    record Leave(NodeId node) implements Message {
        public Leave {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Sent by a node to its own queue: when it comes back, everything queued before it was processed (lease). */
    record Ping(long nonce, long sentNanos) implements Message {
    }

    /**
     * A session's whole state, primary to secondary. {@code expected} is set only on a {@link Reason#CLAIM}:
     * the receiver applies it only if its own record still has that stamp (compare-and-set), so that a
     * claimer working from a stale copy can never overwrite acknowledged changes.
     */
    record StateTransfer(SessionKey key, Stamp stamp, NodeId primary, Reason reason, Stamp expected, SessionData data)
            implements Message {
        public StateTransfer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(data, "data");
        }

        /** Why the whole state travels. */
        public enum Reason {
            /** A new session, or a session that just got a secondary. */
            CREATE,
            /** The secondary asked for it (gap, unknown session, version mismatch, lost messages). */
            RESYNC,
            /** The previous secondary was lost: the state goes to a new one. */
            NEW_SECONDARY,
            /** A node takes the session over: new epoch, conditional on {@code expected}. */
            CLAIM,
            /** A leaving node hands the session to its secondary, which becomes the primary. */
            HANDOFF
        }
    }

    /** One request's changes, primary to secondary, applied only at {@code version == stored + 1}. */
    record Delta(SessionKey key, Stamp stamp, Metadata metadata, Map<String, byte[]> set, List<String> removed)
            implements Message {
        public Delta {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
            set = Map.copyOf(set);
            removed = List.copyOf(removed);
        }
    }

    /** A request that changed nothing but the last-access time. Idempotent; does not move the version. */
    record Touch(SessionKey key, long epoch, long lastAccessedTime) implements Message {
        public Touch {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The receiver holds {@code key} at {@code stamp} (applied, not merely received). */
    record Ack(SessionKey key, Stamp stamp) implements Message {
        public Ack {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
        }
    }

    /** The receiver refused a message about {@code key}; {@code current}/{@code owner} say what it holds. */
    record Nack(SessionKey key, NackReason reason, Stamp current, NodeId owner) implements Message {
        public Nack {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Secondary to primary: send me the whole state ({@code have}: what I hold, or {@code null}). */
    record ResyncRequest(SessionKey key, Stamp have) implements Message {
        public ResyncRequest {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Asks a node for its copy of a session (takeover). */
    record FetchRequest(long requestId, SessionKey key) implements Message {
        public FetchRequest {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Answer to a {@link FetchRequest}. When {@code found}, {@code stamp}, {@code primary} and {@code data}
     * are set ({@code secondary} may be {@code null}); otherwise they are all {@code null}.
     */
    record FetchReply(long requestId, SessionKey key, boolean found, Stamp stamp, NodeId primary, NodeId secondary,
            SessionData data) implements Message {
        public FetchReply {
            Objects.requireNonNull(key, "key");
            if (found) {
                Objects.requireNonNull(stamp, "stamp");
                Objects.requireNonNull(primary, "primary");
                Objects.requireNonNull(data, "data");
            }
        }

        public static FetchReply notFound(long requestId, SessionKey key) {
            return new FetchReply(requestId, key, false, null, null, null, null);
        }
    }

    /** New owner to the previous primary: the session moved to {@code newPrimary} at {@code stamp}; drop it. */
    record Revoke(SessionKey key, Stamp stamp, NodeId newPrimary) implements Message {
        public Revoke {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
            Objects.requireNonNull(newPrimary, "newPrimary");
        }
    }

    /** Primary to a former secondary: you no longer back {@code key} for me; drop your copy. */
    record Release(SessionKey key, Stamp stamp) implements Message {
        public Release {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
        }
    }

    /**
     * The session was invalidated or expired on its primary: remove the copy. The invalidation is a change:
     * {@code stamp} is the stamp after it, and the secondary acknowledges that stamp.
     */
    record Invalidate(SessionKey key, Stamp stamp) implements Message {
        public Invalidate {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
        }
    }

    /** The session's id changed ({@code changeSessionId}); {@code stamp} is the stamp after the change. */
    record ChangeId(SessionKey key, String newId, Stamp stamp) implements Message {
        public ChangeId {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
            if (!SessionKey.isValidId(newId)) {
                throw new IllegalArgumentException("Invalid new session id");
            }
        }
    }

    /** Primary to secondary, periodically: the stamps it has sent; the secondary resyncs what differs. */
    record VersionDigest(List<DigestEntry> entries) implements Message {
        public VersionDigest {
            entries = List.copyOf(entries);
        }
    }

    /** One line of a {@link VersionDigest}. */
    record DigestEntry(SessionKey key, Stamp stamp) {
        public DigestEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stamp, "stamp");
        }
    }
}
