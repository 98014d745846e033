package dev.understudy.core.codec;

import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes {@link Frame}s to bytes and back: wire format version 1. Stateless and thread-safe; one instance
 * may serve every thread. Attribute values travel as the opaque bytes they are; no Java serialization of
 * protocol objects is involved.
 *
 * <h2>Storage details (format version 1)</h2>
 *
 * <p>All integers are big-endian and signed unless marked {@code u}. Composite fields:
 * <table>
 * <caption>Field encodings</caption>
 * <tr><th>Field</th><th>Bytes</th></tr>
 * <tr><td>{@code string}</td><td>{@code u16} length, then that many UTF-8 bytes (at most
 *     {@link CodecLimits#maxStringBytes()}; malformed UTF-8 is refused)</td></tr>
 * <tr><td>{@code bytes}</td><td>{@code i32} length (&ge; 0, at most {@link CodecLimits#maxAttributeBytes()}),
 *     then the bytes</td></tr>
 * <tr><td>{@code bool}, presence</td><td>{@code u8}: 0 false/absent, 1 true/present; anything else is refused.
 *     A nullable field {@code ?x} is a presence byte, followed by {@code x} only when present</td></tr>
 * <tr><td>{@code NodeId}</td><td>{@code string}, validated as {@code [a-z0-9-]{1,32}}</td></tr>
 * <tr><td>{@code Stamp}</td><td>epoch {@code i64}, version {@code i64} (both &ge; 0)</td></tr>
 * <tr><td>{@code Metadata}</td><td>creationTime {@code i64}, lastAccessedTime {@code i64},
 *     maxInactiveSeconds {@code i32}</td></tr>
 * <tr><td>{@code SessionKey}</td><td>kind {@code u8} (0 WEB, 1 EJB), scope {@code string} (&le; 255 chars),
 *     id {@code string} ({@code [A-Za-z0-9_-]{1,128}})</td></tr>
 * <tr><td>{@code Topology}</td><td>machine, rack, zone: three {@code string}s</td></tr>
 * <tr><td>{@code NodeInfo}</td><td>id {@code NodeId}, number {@code i64} (&gt; 0), {@code Topology}</td></tr>
 * <tr><td>{@code Attributes}</td><td>count {@code i32}, then count &times; (name {@code string}, value
 *     {@code bytes}) in the map's iteration order; a repeated name is refused</td></tr>
 * <tr><td>{@code Names}</td><td>count {@code i32}, then count &times; {@code string}</td></tr>
 * <tr><td>{@code SessionData}</td><td>{@code Metadata}, {@code Attributes}</td></tr>
 * <tr><td>{@code Reason}</td><td>{@code u8}: 0 CREATE, 1 RESYNC, 2 NEW_SECONDARY, 3 CLAIM, 4 HANDOFF</td></tr>
 * <tr><td>{@code NackReason}</td><td>{@code u8}: 0 FENCED, 1 CONFLICT, 2 UNKNOWN_SESSION, 3 REJECTED</td></tr>
 * </table>
 *
 * <p>A frame:
 * <table>
 * <caption>Frame layout</caption>
 * <tr><th>Offset</th><th>Field</th><th>Encoding</th></tr>
 * <tr><td>0</td><td>magic</td><td>{@code 0x55 0x53} ("US")</td></tr>
 * <tr><td>2</td><td>format version</td><td>{@code u8} = 1</td></tr>
 * <tr><td>3</td><td>sender</td><td>{@code NodeId}</td></tr>
 * <tr><td></td><td>senderNumber</td><td>{@code i64}</td></tr>
 * <tr><td></td><td>targetNumber</td><td>{@code i64} (0 for broadcasts)</td></tr>
 * <tr><td></td><td>message count</td><td>{@code i32} (at most {@link CodecLimits#maxMessagesPerFrame()})</td></tr>
 * <tr><td></td><td>messages</td><td>count &times; (type {@code u8}, body length {@code i32}, body)</td></tr>
 * </table>
 * Nothing may follow the last message, and a body must be consumed exactly by its fields. The whole frame
 * is at most {@link CodecLimits#maxFrameBytes()}.
 *
 * <p>Message bodies, by type number (numbers are stable and never reused):
 * <table>
 * <caption>Message bodies</caption>
 * <tr><th>Type</th><th>Message</th><th>Body</th></tr>
 * <tr><td>1</td><td>Heartbeat</td><td>{@code NodeInfo}, primaries {@code i32}, backups {@code i32}</td></tr>
 * <tr><td>2</td><td>Leave</td><td>node {@code NodeId}</td></tr>
 * <tr><td>3</td><td>Ping</td><td>nonce {@code i64}, sentNanos {@code i64}</td></tr>
 * <tr><td>4</td><td>StateTransfer</td><td>key {@code SessionKey}, stamp {@code Stamp}, primary
 *     {@code NodeId}, reason {@code Reason}, expected {@code ?Stamp}, data {@code SessionData}</td></tr>
 * <tr><td>5</td><td>Delta</td><td>key {@code SessionKey}, stamp {@code Stamp}, metadata {@code ?Metadata},
 *     set {@code Attributes}, removed {@code Names}</td></tr>
 * <tr><td>6</td><td>Touch</td><td>key {@code SessionKey}, epoch {@code i64}, lastAccessedTime
 *     {@code i64}</td></tr>
 * <tr><td>7</td><td>Ack</td><td>key {@code SessionKey}, stamp {@code Stamp}</td></tr>
 * <tr><td>8</td><td>Nack</td><td>key {@code SessionKey}, reason {@code NackReason}, current {@code ?Stamp},
 *     owner {@code ?NodeId}</td></tr>
 * <tr><td>9</td><td>ResyncRequest</td><td>key {@code SessionKey}, have {@code ?Stamp}</td></tr>
 * <tr><td>10</td><td>FetchRequest</td><td>requestId {@code i64}, key {@code SessionKey}</td></tr>
 * <tr><td>11</td><td>FetchReply</td><td>requestId {@code i64}, key {@code SessionKey}, found {@code bool},
 *     stamp {@code ?Stamp}, primary {@code ?NodeId}, secondary {@code ?NodeId}, data
 *     {@code ?SessionData}</td></tr>
 * <tr><td>12</td><td>Revoke</td><td>key {@code SessionKey}, stamp {@code Stamp}, newPrimary
 *     {@code NodeId}</td></tr>
 * <tr><td>13</td><td>Release</td><td>key {@code SessionKey}, stamp {@code Stamp}</td></tr>
 * <tr><td>14</td><td>Invalidate</td><td>key {@code SessionKey}, stamp {@code Stamp}</td></tr>
 * <tr><td>15</td><td>ChangeId</td><td>key {@code SessionKey}, newId {@code string}, stamp
 *     {@code Stamp}</td></tr>
 * <tr><td>16</td><td>VersionDigest</td><td>count {@code i32} (at most
 *     {@link CodecLimits#maxDigestEntries()}), then count &times; (key {@code SessionKey}, stamp
 *     {@code Stamp})</td></tr>
 * </table>
 *
 * <p>Example: a frame from {@code node-a} (number 1, broadcast) holding one
 * {@code Ack(WEB:"app":"s1", 2/5)} is
 * {@code 5553 01 0006 6e6f64652d61 0000000000000001 0000000000000000 00000001}
 * {@code 07 0000001a 00 0003 617070 0002 7331 0000000000000002 0000000000000005}.
 *
 * <p>Decoding trusts nothing: every length and count is checked against the remaining bytes and the
 * {@link CodecLimits} before anything is allocated, and every failure, whatever the input, is a
 * {@link CodecException} with a stable code. An unknown message type is an error in version 1 (the body
 * length is not a licence to skip it); a later format version will get a new version byte.
 * Golden-bytes tests ({@code FrameCodecGoldenBytesTest}) pin this layout: a change that breaks them is a
 * new format version.
 */
public final class FrameCodec {
    private final CodecLimits limits;

    public FrameCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A codec with {@link CodecLimits#DEFAULT}. */
    public FrameCodec() {
        this(CodecLimits.DEFAULT);
    }

    public CodecLimits limits() {
        return limits;
    }

    /**
     * The bytes of {@code frame}.
     *
     * @throws CodecException when the frame breaks a limit ({@code US-CODEC-05}) or holds a value the format
     *                        cannot carry ({@code US-CODEC-06}, e.g. a string with an unpaired surrogate)
     */
    public byte[] encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        WireWriter out = new WireWriter(limits);
        out.writeByte(WireFormat.MAGIC_0);
        out.writeByte(WireFormat.MAGIC_1);
        out.writeByte(WireFormat.VERSION);
        out.writeNodeId(frame.sender(), "sender");
        out.writeLong(frame.senderNumber());
        out.writeLong(frame.targetNumber());
        List<Message> messages = frame.messages();
        out.writeCount(messages.size(), limits.maxMessagesPerFrame(), "message count");
        for (Message message : messages) {
            out.writeByte(WireFormat.typeOf(message));
            int lengthAt = out.reserveInt();
            int start = out.size();
            MessageCodec.encode(message, out);
            out.patchInt(lengthAt, out.size() - start);
        }
        return out.toByteArray();
    }

    /**
     * The frame {@code bytes} encode.
     *
     * @throws CodecException whatever is wrong with the input; never any other exception
     */
    public Frame decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException(Code.TRUNCATED, "no bytes (null)");
        }
        if (bytes.length > limits.maxFrameBytes()) {
            throw new CodecException(Code.OVER_LIMIT, "frame of " + bytes.length + " bytes exceeds maxFrameBytes "
                    + limits.maxFrameBytes());
        }
        try {
            return decodeFrame(new WireReader(bytes, limits));
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // a safety net: the reader checks bounds before every read, so this is a bug, not an input
            throw new CodecException(Code.MALFORMED, "unexpected " + e.getClass().getSimpleName(), e);
        }
    }

    private Frame decodeFrame(WireReader in) {
        checkMagic(in.readUnsignedByte("magic"), WireFormat.MAGIC_0, 0);
        checkMagic(in.readUnsignedByte("magic"), WireFormat.MAGIC_1, 1);
        int version = in.readUnsignedByte("format version");
        if (version != WireFormat.VERSION) {
            throw new CodecException(Code.UNSUPPORTED_VERSION, "format version " + version + ", this codec reads "
                    + WireFormat.VERSION);
        }
        NodeId sender = in.readNodeId("sender");
        long senderNumber = in.readLong("sender number");
        long targetNumber = in.readLong("target number");
        int count = in.readCount("message count", limits.maxMessagesPerFrame(), WireFormat.MIN_MESSAGE_BYTES);
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int typeAt = in.offset();
            int type = in.readUnsignedByte("message type");
            if (!WireFormat.isKnownType(type)) {
                throw new CodecException(Code.UNKNOWN_MESSAGE_TYPE, "type " + type + " at offset " + typeAt
                        + " (message " + i + ")");
            }
            int length = in.readInt("message body length");
            WireReader body = in.slice(length, "message body");
            messages.add(MessageCodec.decode(type, body));
            body.expectEnd(Code.BODY_LENGTH_MISMATCH, "in the body of message " + i + " (type " + type + ")");
        }
        in.expectEnd(Code.TRAILING_BYTES, "after the last of " + count + " messages");
        return new Frame(sender, senderNumber, targetNumber, messages);
    }

    private static void checkMagic(int actual, int expected, int offset) {
        if (actual != expected) {
            throw new CodecException(Code.BAD_MAGIC, String.format("byte 0x%02x at offset %d, expected 0x%02x",
                    actual, offset, expected));
        }
    }
}
