package dev.understudy.core.codec;

import dev.understudy.api.SessionKind;
import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounds-checked big-endian reader over one frame, or over one message body of it. One per
 * {@code decode} call: not thread-safe, never shared. Every read checks the remaining bytes first and every
 * count or length is checked against the {@link CodecLimits} and the remaining bytes <em>before</em>
 * anything is allocated, so a failure is always a {@link CodecException}, never a buffer exception.
 */
final class WireReader {
    /** Smallest encoded attribute entry: 2-byte name length and 4-byte value length. */
    private static final int MIN_ATTRIBUTE_BYTES = 2 + 4;
    /** Smallest encoded string. */
    private static final int MIN_STRING_BYTES = 2;
    /** Smallest encoded digest entry: kind, empty scope, 1-byte id, stamp. */
    static final int MIN_DIGEST_ENTRY_BYTES = 1 + 2 + 2 + 1 + 16;

    private final ByteBuffer buf;
    private final int base;
    private final CodecLimits limits;

    WireReader(byte[] bytes, CodecLimits limits) {
        this(ByteBuffer.wrap(bytes), 0, limits);
    }

    private WireReader(ByteBuffer buf, int base, CodecLimits limits) {
        this.buf = buf;
        this.base = base;
        this.limits = limits;
    }

    CodecLimits limits() {
        return limits;
    }

    /** The position in the whole frame, for error messages. */
    int offset() {
        return base + buf.position();
    }

    int remaining() {
        return buf.remaining();
    }

    private void need(int n, String what) {
        if (buf.remaining() < n) {
            throw new CodecException(Code.TRUNCATED, what + " needs " + n + " bytes at offset " + offset()
                    + ", " + buf.remaining() + " left");
        }
    }

    /** Fails with {@code code} unless every byte was consumed. */
    void expectEnd(Code code, String what) {
        if (buf.hasRemaining()) {
            throw new CodecException(code, buf.remaining() + " unread bytes at offset " + offset() + " " + what);
        }
    }

    /** A reader over the next {@code length} bytes, which this reader skips. */
    WireReader slice(int length, String what) {
        if (length < 0) {
            throw new CodecException(Code.INVALID_FIELD, "negative " + what + " length " + length
                    + " before offset " + offset());
        }
        need(length, what);
        int start = buf.position();
        ByteBuffer slice = buf.slice(start, length);
        buf.position(start + length);
        return new WireReader(slice, base + start, limits);
    }

    // ---- primitives -------------------------------------------------------------------------------

    int readUnsignedByte(String what) {
        need(1, what);
        return buf.get() & 0xFF;
    }

    int readUnsignedShort(String what) {
        need(2, what);
        return buf.getShort() & 0xFFFF;
    }

    int readInt(String what) {
        need(4, what);
        return buf.getInt();
    }

    long readLong(String what) {
        need(8, what);
        return buf.getLong();
    }

    boolean readBoolean(String what) {
        int at = offset();
        int b = readUnsignedByte(what);
        if (b > 1) {
            throw new CodecException(Code.INVALID_FIELD, what + " byte " + b + " at offset " + at
                    + ": expected 0 or 1");
        }
        return b == 1;
    }

    /** The presence byte of a nullable value. */
    boolean readPresence(String what) {
        return readBoolean(what + " presence");
    }

    String readString(String what) {
        int len = readUnsignedShort(what + " length");
        if (len > limits.maxStringBytes()) {
            throw new CodecException(Code.OVER_LIMIT, what + " of " + len + " bytes at offset " + offset()
                    + " exceeds maxStringBytes " + limits.maxStringBytes());
        }
        need(len, what);
        int start = buf.position();
        byte[] bytes = new byte[len];
        buf.get(bytes);
        boolean ascii = true;
        for (int i = 0; i < len && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(Code.INVALID_FIELD, what + " at offset " + (base + start)
                    + " is not valid UTF-8");
        }
    }

    /** 4-byte length, then bytes; the length is checked against the limit and the remaining bytes first. */
    byte[] readBytes(String what) {
        int len = readInt(what + " length");
        if (len < 0) {
            throw new CodecException(Code.INVALID_FIELD, "negative " + what + " length " + len
                    + " before offset " + offset());
        }
        if (len > limits.maxAttributeBytes()) {
            throw new CodecException(Code.OVER_LIMIT, what + " of " + len + " bytes at offset " + offset()
                    + " exceeds maxAttributeBytes " + limits.maxAttributeBytes());
        }
        need(len, what);
        byte[] bytes = new byte[len];
        buf.get(bytes);
        return bytes;
    }

    /**
     * A 4-byte count, checked against {@code max} and against the bytes left: {@code count} elements of at
     * least {@code minElementBytes} each must fit, so the caller may allocate for {@code count}.
     */
    int readCount(String what, int max, int minElementBytes) {
        int count = readInt(what);
        if (count < 0) {
            throw new CodecException(Code.INVALID_FIELD, "negative " + what + " " + count + " before offset "
                    + offset());
        }
        if (count > max) {
            throw new CodecException(Code.OVER_LIMIT, what + " " + count + " before offset " + offset()
                    + " exceeds " + max);
        }
        if ((long) count * minElementBytes > buf.remaining()) {
            throw new CodecException(Code.TRUNCATED, what + " " + count + " cannot fit in the "
                    + buf.remaining() + " bytes left at offset " + offset());
        }
        return count;
    }

    // ---- model ------------------------------------------------------------------------------------

    Stamp readStamp(String what) {
        int at = offset();
        long epoch = readLong(what + " epoch");
        long version = readLong(what + " version");
        if (epoch < 0 || version < 0) {
            throw new CodecException(Code.INVALID_FIELD, "negative " + what + " at offset " + at);
        }
        return new Stamp(epoch, version);
    }

    Stamp readNullableStamp(String what) {
        return readPresence(what) ? readStamp(what) : null;
    }

    Metadata readMetadata() {
        return new Metadata(readLong("creation time"), readLong("last accessed time"),
                readInt("max inactive seconds"));
    }

    NodeId readNodeId(String what) {
        int at = offset();
        String value = readString(what);
        if (!NodeId.isValid(value)) {
            throw new CodecException(Code.INVALID_FIELD, what + " at offset " + at
                    + " is not a valid node id ([a-z0-9-]{1,32})");
        }
        return new NodeId(value);
    }

    NodeId readNullableNodeId(String what) {
        return readPresence(what) ? readNodeId(what) : null;
    }

    SessionKey readKey() {
        int at = offset();
        SessionKind kind = WireFormat.kind(readUnsignedByte("session kind"), at);
        String scope = readString("session scope");
        if (scope.length() > SessionKey.MAX_SCOPE_LENGTH) {
            throw new CodecException(Code.INVALID_FIELD, "session scope at offset " + at + " longer than "
                    + SessionKey.MAX_SCOPE_LENGTH + " characters");
        }
        int idAt = offset();
        String id = readString("session id");
        if (!SessionKey.isValidId(id)) {
            throw new CodecException(Code.INVALID_FIELD, "session id at offset " + idAt
                    + " is not valid ([A-Za-z0-9_-]{1,128})");
        }
        return new SessionKey(kind, scope, id);
    }

    Topology readTopology() {
        int at = offset();
        String machine = readString("topology machine");
        String rack = readString("topology rack");
        String zone = readString("topology zone");
        try {
            return new Topology(machine, rack, zone);
        } catch (IllegalArgumentException e) {
            throw new CodecException(Code.INVALID_FIELD, "topology at offset " + at + ": label too long");
        }
    }

    /** Count, then (name, value) pairs, kept in wire order; a repeated name is refused. */
    Map<String, byte[]> readAttributes() {
        int count = readCount("attribute count", limits.maxAttributesPerSession(), MIN_ATTRIBUTE_BYTES);
        Map<String, byte[]> attributes = new LinkedHashMap<>(count * 4 / 3 + 1);
        for (int i = 0; i < count; i++) {
            int at = offset();
            String name = readString("attribute name");
            byte[] value = readBytes("attribute value");
            if (attributes.putIfAbsent(name, value) != null) {
                throw new CodecException(Code.INVALID_FIELD, "repeated attribute name at offset " + at);
            }
        }
        return attributes;
    }

    /** Count, then names (the removed attributes of a delta). */
    List<String> readNames() {
        int count = readCount("removed attribute count", limits.maxAttributesPerSession(), MIN_STRING_BYTES);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(readString("removed attribute name"));
        }
        return names;
    }

    SessionData readSessionData() {
        Metadata metadata = readMetadata();
        return new SessionData(metadata, readAttributes());
    }

    SessionData readNullableSessionData(String what) {
        return readPresence(what) ? readSessionData() : null;
    }
}
