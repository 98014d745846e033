package dev.understudy.core.codec;

import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A growable big-endian output buffer with the primitive and model encodings of the wire format. One per
 * {@code encode} call: not thread-safe, never shared. It enforces the {@link CodecLimits} as it goes, so
 * the encoder never produces a frame the decoder would refuse, and never grows past
 * {@link CodecLimits#maxFrameBytes()}.
 */
final class WireWriter {
    private final CodecLimits limits;
    private byte[] buf = new byte[256];
    private int size;

    WireWriter(CodecLimits limits) {
        this.limits = limits;
    }

    CodecLimits limits() {
        return limits;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        long needed = (long) size + n;
        if (needed > limits.maxFrameBytes()) {
            throw new CodecException(Code.OVER_LIMIT,
                    "frame would exceed maxFrameBytes " + limits.maxFrameBytes());
        }
        if (needed > buf.length) {
            long grown = Math.max(needed, Math.min((long) buf.length * 2, limits.maxFrameBytes()));
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }

    // ---- primitives -------------------------------------------------------------------------------

    void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void writeShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(size, v);
        size += 4;
    }

    void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    /** Writes a placeholder int and returns its position, for {@link #patchInt}. */
    int reserveInt() {
        int at = size;
        writeInt(0);
        return at;
    }

    void patchInt(int at, int v) {
        putInt(at, v);
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    /** A presence byte for a nullable value: 0 absent, 1 present (the value follows). */
    boolean writePresence(Object value) {
        writeBoolean(value != null);
        return value != null;
    }

    /** 2-byte unsigned length, then UTF-8 bytes; unpaired surrogates are refused, not replaced. */
    void writeString(String s, String what) {
        if (s == null) {
            throw new CodecException(Code.INVALID_FIELD, "null " + what);
        }
        byte[] bytes = utf8(s, what);
        if (bytes.length > limits.maxStringBytes()) {
            throw new CodecException(Code.OVER_LIMIT, what + " of " + bytes.length
                    + " bytes exceeds maxStringBytes " + limits.maxStringBytes());
        }
        writeShort(bytes.length);
        writeRaw(bytes);
    }

    private static byte[] utf8(String s, String what) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CodecException(Code.INVALID_FIELD, what + " is not valid UTF-16 (unpaired surrogate)");
        }
    }

    /** 4-byte length, then the bytes (an attribute value). */
    void writeBytes(byte[] bytes, String what) {
        if (bytes == null) {
            throw new CodecException(Code.INVALID_FIELD, "null " + what);
        }
        if (bytes.length > limits.maxAttributeBytes()) {
            throw new CodecException(Code.OVER_LIMIT, what + " of " + bytes.length
                    + " bytes exceeds maxAttributeBytes " + limits.maxAttributeBytes());
        }
        writeInt(bytes.length);
        writeRaw(bytes);
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** A 4-byte count, checked against {@code max}. */
    void writeCount(int count, int max, String what) {
        if (count > max) {
            throw new CodecException(Code.OVER_LIMIT, what + " " + count + " exceeds " + max);
        }
        writeInt(count);
    }

    // ---- model ------------------------------------------------------------------------------------

    void writeStamp(Stamp stamp) {
        writeLong(stamp.epoch());
        writeLong(stamp.version());
    }

    void writeNullableStamp(Stamp stamp) {
        if (writePresence(stamp)) {
            writeStamp(stamp);
        }
    }

    void writeMetadata(Metadata m) {
        writeLong(m.creationTime());
        writeLong(m.lastAccessedTime());
        writeInt(m.maxInactiveSeconds());
    }

    void writeNodeId(NodeId id, String what) {
        if (id == null) {
            throw new CodecException(Code.INVALID_FIELD, "null " + what);
        }
        writeString(id.value(), what);
    }

    void writeNullableNodeId(NodeId id, String what) {
        if (writePresence(id)) {
            writeNodeId(id, what);
        }
    }

    void writeKey(SessionKey key) {
        writeByte(WireFormat.kindCode(key.kind()));
        writeString(key.scope(), "session scope");
        writeString(key.id(), "session id");
    }

    void writeTopology(Topology t) {
        writeString(t.machine(), "topology machine");
        writeString(t.rack(), "topology rack");
        writeString(t.zone(), "topology zone");
    }

    /** Count, then (name, value) in the map's iteration order. */
    void writeAttributes(Map<String, byte[]> attributes) {
        writeCount(attributes.size(), limits.maxAttributesPerSession(), "attribute count");
        for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
            writeString(e.getKey(), "attribute name");
            writeBytes(e.getValue(), "attribute value");
        }
    }

    /** Count, then each name (the removed attributes of a delta). */
    void writeNames(Collection<String> names) {
        writeCount(names.size(), limits.maxAttributesPerSession(), "removed attribute count");
        for (String name : names) {
            writeString(name, "removed attribute name");
        }
    }

    void writeSessionData(SessionData data) {
        writeMetadata(data.metadata());
        writeAttributes(data.attributes());
    }
}
