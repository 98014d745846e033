package dev.understudy.core.codec;

import java.util.Objects;

/**
 * A frame could not be encoded or decoded. Every failure of {@link FrameCodec#decode(byte[])} is one of
 * these, whatever the input: callers drop the frame, count it and log {@link #code()}.
 *
 * <p>The message is {@code "<code> <title>: <detail>"}, for example
 * {@code "US-CODEC-04 truncated: message body needs 12 bytes at offset 40, 3 left"}. It names fields and
 * offsets, never the content of attribute values or session ids, so it is safe to log.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stable error codes. The ids never change meaning; new ones are appended. */
    public enum Code {
        /** The frame does not start with {@code 0x55 0x53} ("US"). */
        BAD_MAGIC("US-CODEC-01", "bad magic"),
        /** The format version byte is not one this codec reads. */
        UNSUPPORTED_VERSION("US-CODEC-02", "unsupported format version"),
        /** A message type number this format version does not define. */
        UNKNOWN_MESSAGE_TYPE("US-CODEC-03", "unknown message type"),
        /** The input ends (or a message body ends) before a field it declares. */
        TRUNCATED("US-CODEC-04", "truncated"),
        /** A size or count exceeds a {@link CodecLimits} bound. */
        OVER_LIMIT("US-CODEC-05", "over limit"),
        /** A field is out of its domain: node id, session id, negative length, bad flag or enum byte... */
        INVALID_FIELD("US-CODEC-06", "invalid field"),
        /** A message body is longer than what its fields consumed. */
        BODY_LENGTH_MISMATCH("US-CODEC-07", "body length mismatch"),
        /** Bytes follow the last declared message. */
        TRAILING_BYTES("US-CODEC-08", "trailing bytes"),
        /** Any other malformation (a safety net: should not happen). */
        MALFORMED("US-CODEC-09", "malformed frame");

        private final String id;
        private final String title;

        Code(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The stable id, e.g. {@code US-CODEC-01}. */
        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }

    private final Code code;

    public CodecException(Code code, String detail) {
        this(code, detail, null);
    }

    public CodecException(Code code, String detail, Throwable cause) {
        super(Objects.requireNonNull(code, "code").id() + " " + code.title() + ": " + detail, cause);
        this.code = code;
    }

    /** The error, as an enum. */
    public Code errorCode() {
        return code;
    }

    /** The stable error code string, e.g. {@code US-CODEC-01}. */
    public String code() {
        return code.id();
    }
}
