package dev.understudy.core.codec;

import static dev.understudy.core.codec.CodecFixtures.KEY;
import static dev.understudy.core.codec.CodecFixtures.NODE_A;
import static dev.understudy.core.codec.CodecFixtures.frame;
import static dev.understudy.core.codec.CodecFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the input, decoding either succeeds or throws a {@link CodecException}: nothing else. */
class FrameCodecRejectsBadInputTest {
    /** "US", version 1, sender "node-a", sender number 1, target 0. The message count follows. */
    private static final String HEADER = "5553 01 0006 6e6f64652d61 0000000000000001 0000000000000000";
    /** The key WEB "app" "s1". */
    private static final String KEY_HEX = "00 0003 617070 0002 7331";
    private static final String STAMP_2_5 = "0000000000000002 0000000000000005";
    /** Offset of the first message's type byte in a frame from "node-a". */
    private static final int FIRST_TYPE = 31;

    private final FrameCodec codec = new FrameCodec(CodecLimits.DEFAULT);

    private static byte[] ackFrame() {
        return hex(HEADER + "00000001 07 0000001a" + KEY_HEX + STAMP_2_5);
    }

    @Test
    void theHandBuiltAckFrameIsValid() {
        assertThat(codec.decode(ackFrame()).messages()).hasSize(1);
    }

    @Test
    void badMagic() {
        byte[] first = ackFrame();
        first[0] = 'X';
        assertRejected(first, Code.BAD_MAGIC);
        byte[] second = ackFrame();
        second[1] = 'T';
        assertRejected(second, Code.BAD_MAGIC);
        assertRejected("not a frame at all".getBytes(StandardCharsets.US_ASCII), Code.BAD_MAGIC);
    }

    @Test
    void unknownVersion() {
        byte[] bytes = ackFrame();
        bytes[2] = 2;
        assertRejected(bytes, Code.UNSUPPORTED_VERSION);
        bytes[2] = 0;
        assertRejected(bytes, Code.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownMessageType() {
        for (int type : new int[] {0, 17, 0x80, 0xff}) {
            byte[] bytes = ackFrame();
            bytes[FIRST_TYPE] = (byte) type;
            assertRejected(bytes, Code.UNKNOWN_MESSAGE_TYPE);
        }
    }

    @Test
    void truncatedAtEveryOffset() {
        byte[] full = codec.encode(new Frame(NODE_A, 1, 2, CodecFixtures.everyMessage()));
        codec.decode(full);
        for (int length = 0; length < full.length; length++) {
            assertRejected(Arrays.copyOf(full, length), Code.TRUNCATED);
        }
        assertRejected(null, Code.TRUNCATED);
    }

    @Test
    void oversizedCountClaims() {
        assertRejected(hex(HEADER + "7fffffff 07"), Code.OVER_LIMIT);
        assertRejected(hex(HEADER + "ffffffff 07"), Code.INVALID_FIELD);
        assertRejected(hex(HEADER + "000003e8 07 0000001a"), Code.TRUNCATED); // 1000 messages in 5 bytes
        // a delta claiming Integer.MAX_VALUE attributes, then removed names
        String deltaStart = KEY_HEX + "0000000000000001 0000000000000002 00";
        assertRejected(frameOf(message(5, deltaStart + "7fffffff 00000000")), Code.OVER_LIMIT);
        assertRejected(frameOf(message(5, deltaStart + "00000000 7fffffff")), Code.OVER_LIMIT);
        assertRejected(frameOf(message(5, deltaStart + "00002710 00000000")), Code.TRUNCATED); // 10,000 in 4 B
        // an attribute value claiming 2 GiB, and a negative one
        assertRejected(frameOf(message(5, deltaStart + "00000001 0001 61 7fffffff 00000000")), Code.OVER_LIMIT);
        assertRejected(frameOf(message(5, deltaStart + "00000001 0001 61 ffffffff 00000000")), Code.INVALID_FIELD);
        // a digest claiming Integer.MAX_VALUE entries; a string longer than maxStringBytes
        assertRejected(frameOf(message(16, "7fffffff")), Code.OVER_LIMIT);
        assertRejected(frameOf(message(2, "ffff")), Code.OVER_LIMIT);
        // a body length beyond the frame, and a negative one
        assertRejected(hex(HEADER + "00000001 07 7fffffff" + KEY_HEX + STAMP_2_5), Code.TRUNCATED);
        assertRejected(hex(HEADER + "00000001 07 ffffffff" + KEY_HEX + STAMP_2_5), Code.INVALID_FIELD);
    }

    @Test
    void frameLargerThanTheLimit() {
        FrameCodec tight = new FrameCodec(new CodecLimits(64, 10, 10, 10, 10, 10));
        assertRejected(tight, new byte[65], Code.OVER_LIMIT);
    }

    @Test
    void invalidNodeId() {
        // sender "A.B#"
        assertRejected(hex("5553 01 0004 412e4223 0000000000000001 0000000000000000 00000000"),
                Code.INVALID_FIELD);
        // empty sender
        assertRejected(hex("5553 01 0000 0000000000000001 0000000000000000 00000000"), Code.INVALID_FIELD);
        // Leave of "A.B#"
        assertRejected(frameOf(message(2, "0004 412e4223")), Code.INVALID_FIELD);
    }

    @Test
    void invalidSessionId() {
        // id "bad id!"
        assertRejected(frameOf(message(7, "00 0003 617070 0007 626164206964 21" + STAMP_2_5)), Code.INVALID_FIELD);
        // empty id
        assertRejected(frameOf(message(7, "00 0003 617070 0000" + STAMP_2_5)), Code.INVALID_FIELD);
        // ChangeId to "a/b"
        assertRejected(frameOf(message(15, KEY_HEX + "0003 612f62" + STAMP_2_5)), Code.INVALID_FIELD);
    }

    @Test
    void invalidFieldBytes() {
        // session kind 2
        assertRejected(frameOf(message(7, "02 0003 617070 0002 7331" + STAMP_2_5)), Code.INVALID_FIELD);
        // presence byte 2 in a ResyncRequest
        assertRejected(frameOf(message(9, KEY_HEX + "02")), Code.INVALID_FIELD);
        // nack reason 4
        assertRejected(frameOf(message(8, KEY_HEX + "04 00 00")), Code.INVALID_FIELD);
        // negative stamp
        assertRejected(frameOf(message(7, KEY_HEX + "ffffffffffffffff 0000000000000005")), Code.INVALID_FIELD);
        // malformed UTF-8 in the scope
        assertRejected(frameOf(message(7, "00 0003 61c328 0002 7331" + STAMP_2_5)), Code.INVALID_FIELD);
        // heartbeat with node number 0
        assertRejected(frameOf(message(1, "0006 6e6f64652d61 0000000000000000"
                + "0002 6d31 0002 7231 0002 7a31 00000003 00000002")), Code.INVALID_FIELD);
        // found reply without a stamp
        assertRejected(frameOf(message(11, "000000000000004d" + KEY_HEX + "01 00 00 00 00")), Code.INVALID_FIELD);
        // repeated attribute name
        assertRejected(frameOf(message(5, KEY_HEX + "0000000000000001 0000000000000002 00"
                + "00000002 0001 61 00000000 0001 61 00000000 00000000")), Code.INVALID_FIELD);
    }

    @Test
    void trailingBytes() {
        byte[] valid = ackFrame();
        assertRejected(Arrays.copyOf(valid, valid.length + 1), Code.TRAILING_BYTES);
        assertRejected(hex(HEADER + "00000000 00"), Code.TRAILING_BYTES);
    }

    @Test
    void bodyLengthMustMatchWhatTheBodyConsumed() {
        // declared one byte too long (the extra byte is inside the frame)
        assertRejected(hex(HEADER + "00000001 07 0000001b" + KEY_HEX + STAMP_2_5 + "00"), Code.BODY_LENGTH_MISMATCH);
        // declared one byte too short: the body's last field runs past it
        assertRejected(hex(HEADER + "00000001 07 00000019" + KEY_HEX + STAMP_2_5), Code.TRUNCATED);
    }

    @Test
    void messagesNeverShowAttributeBytesOrSessionIds() {
        byte[] secret = "SECRET-VALUE".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = codec.encode(frame(new Message.Delta(KEY, Stamp.INITIAL, null, Map.of("a", secret),
                List.of())));
        FrameCodec tight = new FrameCodec(new CodecLimits(1024, 10, 10, 4, 64, 10));
        CodecException e = (CodecException) catchThrowable(() -> tight.decode(bytes));
        assertThat(e.errorCode()).isEqualTo(Code.OVER_LIMIT);
        assertThat(e.getMessage()).doesNotContain("SECRET").doesNotContain(hex(secret));

        CodecException badId = (CodecException) catchThrowable(() -> codec.decode(
                frameOf(message(7, "00 0003 617070 000c 5345435245542d4944212121" + STAMP_2_5))));
        assertThat(badId.errorCode()).isEqualTo(Code.INVALID_FIELD);
        assertThat(badId.getMessage()).doesNotContain("SECRET");
    }

    @Test
    void randomBytesOnlyEverFailWithCodecException() {
        Random random = new Random(20_261_126L);
        byte[] valid = codec.encode(new Frame(NODE_A, 1, 2, CodecFixtures.everyMessage()));
        byte[] validHeader = Arrays.copyOf(valid, FIRST_TYPE);
        int decoded = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] input;
            switch (i % 4) {
                case 0: // pure noise
                    input = new byte[random.nextInt(200)];
                    random.nextBytes(input);
                    break;
                case 1: // a valid header, then noise
                    byte[] noise = new byte[random.nextInt(200)];
                    random.nextBytes(noise);
                    input = ByteBuffer.allocate(validHeader.length + noise.length).put(validHeader).put(noise)
                            .array();
                    break;
                case 2: // a valid frame with a few bytes flipped
                    input = valid.clone();
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        input[random.nextInt(input.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    break;
                default: // a valid frame with a slice overwritten by extreme values
                    input = valid.clone();
                    int at = random.nextInt(input.length - 4);
                    byte fill = random.nextBoolean() ? (byte) 0xff : (byte) 0x7f;
                    Arrays.fill(input, at, at + 1 + random.nextInt(4), fill);
                    break;
            }
            try {
                Frame frame = codec.decode(input);
                codec.encode(frame); // whatever decodes must encode again
                decoded++;
            } catch (CodecException expected) {
                assertThat(expected.code()).startsWith("US-CODEC-");
                assertThat(expected.errorCode()).isNotEqualTo(Code.MALFORMED);
            }
        }
        assertThat(decoded).as("some mutations leave a valid frame (e.g. flipped attribute bytes)").isPositive();
    }

    /** A frame from "node-a" holding {@code messages} (hex, as built by {@link #message}). */
    private static byte[] frameOf(String... messages) {
        return hex(HEADER + String.format("%08x", messages.length) + String.join("", messages));
    }

    /** The hex of one message: type, the body's true length, body. */
    private static String message(int type, String bodyHex) {
        String body = bodyHex.replaceAll("\\s+", "");
        return String.format("%02x%08x", type, body.length() / 2) + body;
    }

    private void assertRejected(byte[] bytes, Code code) {
        assertRejected(codec, bytes, code);
    }

    private static void assertRejected(FrameCodec codec, byte[] bytes, Code code) {
        Throwable thrown = catchThrowable(() -> codec.decode(bytes));
        assertThat(thrown)
                .as("decoding %s", bytes == null ? "null" : hex(bytes))
                .isInstanceOf(CodecException.class);
        assertThat(((CodecException) thrown).errorCode())
                .as("%s", thrown.getMessage())
                .isEqualTo(code);
        assertThat(thrown.getMessage()).startsWith(code.id() + " ");
    }
}
