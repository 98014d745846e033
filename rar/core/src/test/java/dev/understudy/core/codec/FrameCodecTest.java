package dev.understudy.core.codec;

import static dev.understudy.core.codec.CodecFixtures.KEY;
import static dev.understudy.core.codec.CodecFixtures.META;
import static dev.understudy.core.codec.CodecFixtures.NODE_A;
import static dev.understudy.core.codec.CodecFixtures.assertSameFrame;
import static dev.understudy.core.codec.CodecFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(CodecLimits.DEFAULT);

    static Stream<Message> everyMessage() {
        return CodecFixtures.everyMessage().stream();
    }

    static Stream<Message> withNulls() {
        return CodecFixtures.withNulls().stream();
    }

    @Test
    void fixturesCoverEveryMessageType() {
        assertThat(CodecFixtures.everyMessage().stream().<Class<?>>map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void roundTripsEachMessageType(Message message) {
        roundTrip(new Frame(NODE_A, 12345, 67890, List.of(message)));
    }

    @ParameterizedTest
    @MethodSource("withNulls")
    void roundTripsNullOptionalFields(Message message) {
        roundTrip(frame(message));
    }

    @Test
    void roundTripsAFrameOfEveryMessage() {
        roundTrip(new Frame(NODE_A, Long.MAX_VALUE, Long.MIN_VALUE, CodecFixtures.everyMessage()));
    }

    @Test
    void roundTripsAnEmptyFrame() {
        roundTrip(frame());
    }

    @Test
    void keepsTheAttributeOrderOfSessionData() {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (int i = 50; i > 0; i--) {
            attributes.put("attr-" + i, new byte[] {(byte) i});
        }
        var transfer = new Message.StateTransfer(KEY, Stamp.INITIAL, NODE_A, Message.StateTransfer.Reason.CREATE,
                null, new SessionData(META, attributes));

        Frame decoded = codec.decode(codec.encode(frame(transfer)));

        assertThat(((Message.StateTransfer) decoded.messages().get(0)).data().attributes().keySet())
                .containsExactlyElementsOf(attributes.keySet());
    }

    @Test
    void encodesDeterministically() {
        Frame frame = new Frame(NODE_A, 1, 2, CodecFixtures.everyMessage());
        byte[] first = codec.encode(frame);
        assertThat(codec.encode(codec.decode(first))).isEqualTo(first);
    }

    @Test
    void roundTripsValuesAtTheLimits() {
        CodecLimits small = new CodecLimits(4096, 3, 2, 16, 8, 2);
        FrameCodec tight = new FrameCodec(small);
        Message delta = new Message.Delta(KEY, Stamp.INITIAL, null,
                Map.of("12345678", new byte[16], "b", new byte[0]), List.of("x", "y"));
        roundTrip(tight, frame(delta, new Message.Ping(1, 2), new Message.VersionDigest(List.of(
                new Message.DigestEntry(KEY, Stamp.INITIAL), new Message.DigestEntry(KEY, Stamp.INITIAL)))));
    }

    @Test
    void refusesToEncodeBeyondTheLimits() {
        CodecLimits small = new CodecLimits(200, 2, 2, 16, 8, 2);
        FrameCodec tight = new FrameCodec(small);
        Message ping = new Message.Ping(1, 2);

        assertOverLimit(tight, frame(ping, ping, ping));
        assertOverLimit(tight, frame(new Message.Delta(KEY, Stamp.INITIAL, null, Map.of("a", new byte[17]),
                List.of())));
        assertOverLimit(tight, frame(new Message.Delta(KEY, Stamp.INITIAL, null, Map.of("123456789", new byte[1]),
                List.of())));
        assertOverLimit(tight, frame(new Message.Delta(KEY, Stamp.INITIAL, null, Map.of(),
                List.of("a", "b", "c"))));
        assertOverLimit(tight, frame(new Message.VersionDigest(Collections.nCopies(3,
                new Message.DigestEntry(KEY, Stamp.INITIAL)))));
        assertOverLimit(tight, frame(Collections.nCopies(2, new Message.Delta(KEY, Stamp.INITIAL, null,
                Map.of("a", new byte[16], "b", new byte[16]), List.of())).toArray(new Message[0])));
    }

    @Test
    void refusesToEncodeAnUnpairedSurrogate() {
        Message delta = new Message.Delta(KEY, Stamp.INITIAL, null, Map.of("bad\ud800", new byte[1]), List.of());
        assertThatThrownBy(() -> codec.encode(frame(delta)))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.code()).isEqualTo("US-CODEC-06"));
    }

    @Test
    void errorMessagesStartWithTheirCode() {
        for (CodecException.Code code : CodecException.Code.values()) {
            CodecException e = new CodecException(code, "detail");
            assertThat(e.getMessage()).startsWith(code.id() + " ").endsWith(": detail");
            assertThat(e.code()).matches("US-CODEC-\\d\\d");
        }
    }

    private static void assertOverLimit(FrameCodec codec, Frame frame) {
        assertThatThrownBy(() -> codec.encode(frame))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(CodecException.Code.OVER_LIMIT));
    }

    private void roundTrip(Frame frame) {
        roundTrip(codec, frame);
    }

    private static void roundTrip(FrameCodec codec, Frame frame) {
        byte[] bytes = codec.encode(frame);
        Frame decoded = codec.decode(bytes);
        assertSameFrame(decoded, frame);
    }
}
