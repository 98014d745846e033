package dev.understudy.core.codec;

import static dev.understudy.core.codec.WireFormat.ACK;
import static dev.understudy.core.codec.WireFormat.CHANGE_ID;
import static dev.understudy.core.codec.WireFormat.DELTA;
import static dev.understudy.core.codec.WireFormat.FETCH_REPLY;
import static dev.understudy.core.codec.WireFormat.FETCH_REQUEST;
import static dev.understudy.core.codec.WireFormat.HEARTBEAT;
import static dev.understudy.core.codec.WireFormat.INVALIDATE;
import static dev.understudy.core.codec.WireFormat.LEAVE;
import static dev.understudy.core.codec.WireFormat.NACK;
import static dev.understudy.core.codec.WireFormat.PING;
import static dev.understudy.core.codec.WireFormat.RELEASE;
import static dev.understudy.core.codec.WireFormat.RESYNC_REQUEST;
import static dev.understudy.core.codec.WireFormat.REVOKE;
import static dev.understudy.core.codec.WireFormat.STATE_TRANSFER;
import static dev.understudy.core.codec.WireFormat.TOUCH;
import static dev.understudy.core.codec.WireFormat.VERSION_DIGEST;

import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.Message.Ack;
import dev.understudy.core.protocol.Message.ChangeId;
import dev.understudy.core.protocol.Message.Delta;
import dev.understudy.core.protocol.Message.DigestEntry;
import dev.understudy.core.protocol.Message.FetchReply;
import dev.understudy.core.protocol.Message.FetchRequest;
import dev.understudy.core.protocol.Message.Heartbeat;
import dev.understudy.core.protocol.Message.Invalidate;
import dev.understudy.core.protocol.Message.Leave;
import dev.understudy.core.protocol.Message.Nack;
import dev.understudy.core.protocol.Message.Ping;
import dev.understudy.core.protocol.Message.Release;
import dev.understudy.core.protocol.Message.ResyncRequest;
import dev.understudy.core.protocol.Message.Revoke;
import dev.understudy.core.protocol.Message.StateTransfer;
import dev.understudy.core.protocol.Message.Touch;
import dev.understudy.core.protocol.Message.VersionDigest;
import java.util.ArrayList;
import java.util.List;

/** The body of each message type, in the field order {@link FrameCodec}'s javadoc documents. Stateless. */
final class MessageCodec {

    private MessageCodec() {
    }

    static void encode(Message message, WireWriter out) {
        if (message instanceof Heartbeat) {
            Heartbeat m = (Heartbeat) message;
            out.writeNodeId(m.node().id(), "node id");
            out.writeLong(m.node().number());
            out.writeTopology(m.node().topology());
            out.writeInt(m.primaries());
            out.writeInt(m.backups());
        } else if (message instanceof Leave) {
            out.writeNodeId(((Leave) message).node(), "node id");
        } else if (message instanceof Ping) {
            Ping m = (Ping) message;
            out.writeLong(m.nonce());
            out.writeLong(m.sentNanos());
        } else if (message instanceof StateTransfer) {
            StateTransfer m = (StateTransfer) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
            out.writeNodeId(m.primary(), "primary");
            out.writeByte(WireFormat.reasonCode(m.reason()));
            out.writeNullableStamp(m.expected());
            out.writeSessionData(m.data());
        } else if (message instanceof Delta) {
            Delta m = (Delta) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
            if (out.writePresence(m.metadata())) {
                out.writeMetadata(m.metadata());
            }
            out.writeAttributes(m.set());
            out.writeNames(m.removed());
        } else if (message instanceof Touch) {
            Touch m = (Touch) message;
            out.writeKey(m.key());
            out.writeLong(m.epoch());
            out.writeLong(m.lastAccessedTime());
        } else if (message instanceof Ack) {
            Ack m = (Ack) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
        } else if (message instanceof Nack) {
            Nack m = (Nack) message;
            out.writeKey(m.key());
            out.writeByte(WireFormat.nackCode(m.reason()));
            out.writeNullableStamp(m.current());
            out.writeNullableNodeId(m.owner(), "owner");
        } else if (message instanceof ResyncRequest) {
            ResyncRequest m = (ResyncRequest) message;
            out.writeKey(m.key());
            out.writeNullableStamp(m.have());
        } else if (message instanceof FetchRequest) {
            FetchRequest m = (FetchRequest) message;
            out.writeLong(m.requestId());
            out.writeKey(m.key());
        } else if (message instanceof FetchReply) {
            FetchReply m = (FetchReply) message;
            out.writeLong(m.requestId());
            out.writeKey(m.key());
            out.writeBoolean(m.found());
            out.writeNullableStamp(m.stamp());
            out.writeNullableNodeId(m.primary(), "primary");
            out.writeNullableNodeId(m.secondary(), "secondary");
            if (out.writePresence(m.data())) {
                out.writeSessionData(m.data());
            }
        } else if (message instanceof Revoke) {
            Revoke m = (Revoke) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
            out.writeNodeId(m.newPrimary(), "new primary");
        } else if (message instanceof Release) {
            Release m = (Release) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
        } else if (message instanceof Invalidate) {
            Invalidate m = (Invalidate) message;
            out.writeKey(m.key());
            out.writeStamp(m.stamp());
        } else if (message instanceof ChangeId) {
            ChangeId m = (ChangeId) message;
            out.writeKey(m.key());
            out.writeString(m.newId(), "new session id");
            out.writeStamp(m.stamp());
        } else if (message instanceof VersionDigest) {
            List<DigestEntry> entries = ((VersionDigest) message).entries();
            out.writeCount(entries.size(), out.limits().maxDigestEntries(), "digest entry count");
            for (DigestEntry e : entries) {
                out.writeKey(e.key());
                out.writeStamp(e.stamp());
            }
        } else {
            throw new IllegalStateException("No encoding for " + message.getClass().getName());
        }
    }

    /**
     * Decodes the body of a message of {@code type} (known: checked by the caller). A record constructor
     * refusing what was read is an {@link Code#INVALID_FIELD}.
     */
    static Message decode(int type, WireReader in) {
        int at = in.offset();
        try {
            return decodeBody(type, in);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodecException(Code.INVALID_FIELD, "message type " + type + " with body at offset " + at
                    + " is not a valid message", e);
        }
    }

    private static Message decodeBody(int type, WireReader in) {
        switch (type) {
            case HEARTBEAT: {
                NodeId id = in.readNodeId("node id");
                long number = in.readLong("node number");
                Topology topology = in.readTopology();
                if (number <= 0) {
                    throw new CodecException(Code.INVALID_FIELD, "node number must be positive: " + number);
                }
                return new Heartbeat(new NodeInfo(id, number, topology), in.readInt("primaries"),
                        in.readInt("backups"));
            }
            case LEAVE:
                return new Leave(in.readNodeId("node id"));
            case PING:
                return new Ping(in.readLong("nonce"), in.readLong("sent nanos"));
            case STATE_TRANSFER: {
                SessionKey key = in.readKey();
                Stamp stamp = in.readStamp("stamp");
                NodeId primary = in.readNodeId("primary");
                int at = in.offset();
                StateTransfer.Reason reason = WireFormat.reason(in.readUnsignedByte("transfer reason"), at);
                Stamp expected = in.readNullableStamp("expected stamp");
                return new StateTransfer(key, stamp, primary, reason, expected, in.readSessionData());
            }
            case DELTA: {
                SessionKey key = in.readKey();
                Stamp stamp = in.readStamp("stamp");
                var metadata = in.readPresence("metadata") ? in.readMetadata() : null;
                var set = in.readAttributes();
                return new Delta(key, stamp, metadata, set, in.readNames());
            }
            case TOUCH:
                return new Touch(in.readKey(), in.readLong("epoch"), in.readLong("last accessed time"));
            case ACK:
                return new Ack(in.readKey(), in.readStamp("stamp"));
            case NACK: {
                SessionKey key = in.readKey();
                int at = in.offset();
                var reason = WireFormat.nackReason(in.readUnsignedByte("nack reason"), at);
                Stamp current = in.readNullableStamp("current stamp");
                return new Nack(key, reason, current, in.readNullableNodeId("owner"));
            }
            case RESYNC_REQUEST:
                return new ResyncRequest(in.readKey(), in.readNullableStamp("have stamp"));
            case FETCH_REQUEST:
                return new FetchRequest(in.readLong("request id"), in.readKey());
            case FETCH_REPLY: {
                long requestId = in.readLong("request id");
                SessionKey key = in.readKey();
                boolean found = in.readBoolean("found");
                Stamp stamp = in.readNullableStamp("stamp");
                NodeId primary = in.readNullableNodeId("primary");
                NodeId secondary = in.readNullableNodeId("secondary");
                var data = in.readNullableSessionData("session data");
                return new FetchReply(requestId, key, found, stamp, primary, secondary, data);
            }
            case REVOKE:
                return new Revoke(in.readKey(), in.readStamp("stamp"), in.readNodeId("new primary"));
            case RELEASE:
                return new Release(in.readKey(), in.readStamp("stamp"));
            case INVALIDATE:
                return new Invalidate(in.readKey(), in.readStamp("stamp"));
            case CHANGE_ID: {
                SessionKey key = in.readKey();
                int at = in.offset();
                String newId = in.readString("new session id");
                if (!SessionKey.isValidId(newId)) {
                    throw new CodecException(Code.INVALID_FIELD, "new session id at offset " + at
                            + " is not valid ([A-Za-z0-9_-]{1,128})");
                }
                return new ChangeId(key, newId, in.readStamp("stamp"));
            }
            case VERSION_DIGEST: {
                int count = in.readCount("digest entry count", in.limits().maxDigestEntries(),
                        WireReader.MIN_DIGEST_ENTRY_BYTES);
                List<DigestEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(new DigestEntry(in.readKey(), in.readStamp("stamp")));
                }
                return new VersionDigest(entries);
            }
            default:
                throw new CodecException(Code.UNKNOWN_MESSAGE_TYPE, "type " + type + " at offset " + in.offset());
        }
    }
}
