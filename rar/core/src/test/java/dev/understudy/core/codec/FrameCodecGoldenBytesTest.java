package dev.understudy.core.codec;

import static dev.understudy.core.codec.CodecFixtures.KEY;
import static dev.understudy.core.codec.CodecFixtures.META;
import static dev.understudy.core.codec.CodecFixtures.NODE_A;
import static dev.understudy.core.codec.CodecFixtures.NODE_B;
import static dev.understudy.core.codec.CodecFixtures.assertSameFrame;
import static dev.understudy.core.codec.CodecFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.SessionKind;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.NackReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins wire format version 1 byte for byte. The expected hex was derived by hand from the layout in
 * {@link FrameCodec}'s javadoc. If one of these fails, the format changed: that needs a new format version,
 * not a new expected string.
 */
class FrameCodecGoldenBytesTest {
    private final FrameCodec codec = new FrameCodec(CodecLimits.DEFAULT);

    /** "US", version 1, sender "node-a" (6 bytes). */
    private static final String FROM_NODE_A = "5553 01 0006 6e6f64652d61";

    @Test
    void heartbeat() {
        Frame frame = new Frame(NODE_A, 1, 0, List.of(
                new Message.Heartbeat(new NodeInfo(NODE_A, 42, new Topology("m1", "r1", "z1")), 3, 2)));

        assertGolden(frame, FROM_NODE_A
                + "0000000000000001" // sender number
                + "0000000000000000" // target number: broadcast
                + "00000001" //         one message
                + "01 00000024" //      type 1 Heartbeat, body 36 bytes
                + "0006 6e6f64652d61" // node id "node-a"
                + "000000000000002a" // node number 42
                + "0002 6d31 0002 7231 0002 7a31" // topology "m1" "r1" "z1"
                + "00000003 00000002"); // primaries, backups
    }

    @Test
    void deltaWithOneSetAndOneRemovedAttribute() {
        Frame frame = new Frame(NODE_A, 1, 7, List.of(new Message.Delta(KEY, new Stamp(1, 2), META,
                Map.of("a", new byte[] {(byte) 0xca, (byte) 0xfe}), List.of("b"))));

        assertGolden(frame, FROM_NODE_A
                + "0000000000000001 0000000000000007 00000001"
                + "05 00000043" //                           type 5 Delta, body 67 bytes
                + "00 0003 617070 0002 7331" //              key WEB "app" "s1"
                + "0000000000000001 0000000000000002" //     stamp 1/2
                + "01 00000000000003e8 00000000000007d0 00000708" // metadata present: 1000, 2000, 1800 s
                + "00000001 0001 61 00000002 cafe" //        set: "a" = ca fe
                + "00000001 0001 62"); //                    removed: "b"
    }

    @Test
    void stateTransferClaimWithExpectedStamp() {
        Frame frame = new Frame(NODE_B, 2, 1, List.of(new Message.StateTransfer(KEY, new Stamp(3, 5), NODE_B,
                Message.StateTransfer.Reason.CLAIM, new Stamp(2, 5),
                new SessionData(META, Map.of("a", new byte[] {1})))));

        assertGolden(frame, "5553 01 0006 6e6f64652d62" // "US", v1, sender "node-b"
                + "0000000000000002 0000000000000001 00000001"
                + "04 00000054" //                           type 4 StateTransfer, body 84 bytes
                + "00 0003 617070 0002 7331" //              key
                + "0000000000000003 0000000000000005" //     stamp 3/5
                + "0006 6e6f64652d62" //                     primary "node-b"
                + "03" //                                    reason CLAIM
                + "01 0000000000000002 0000000000000005" //  expected present: 2/5
                + "00000000000003e8 00000000000007d0 00000708" // metadata
                + "00000001 0001 61 00000001 01"); //        attributes: "a" = 01
    }

    @Test
    void fetchReplyNotFound() {
        Frame frame = new Frame(NODE_A, 1, 9, List.of(Message.FetchReply.notFound(77, KEY)));

        assertGolden(frame, FROM_NODE_A
                + "0000000000000001 0000000000000009 00000001"
                + "0b 00000017" //            type 11 FetchReply, body 23 bytes
                + "000000000000004d" //       request id 77
                + "00 0003 617070 0002 7331" // key
                + "00" //                     found: false
                + "00 00 00 00"); //          stamp, primary, secondary, data: absent
    }

    @Test
    void ack() {
        // the example of FrameCodec's javadoc
        Frame frame = new Frame(NODE_A, 1, 0, List.of(new Message.Ack(KEY, new Stamp(2, 5))));

        assertGolden(frame, FROM_NODE_A
                + "0000000000000001 0000000000000000 00000001"
                + "07 0000001a" //                       type 7 Ack, body 26 bytes
                + "00 0003 617070 0002 7331" //          key
                + "0000000000000002 0000000000000005"); // stamp 2/5
    }

    @Test
    void nackOfAnEjbSession() {
        SessionKey ejb = new SessionKey(SessionKind.EJB, "b", "x");
        Frame frame = new Frame(NODE_A, 1, 0, List.of(
                new Message.Nack(ejb, NackReason.CONFLICT, new Stamp(2, 5), NODE_B),
                new Message.Nack(ejb, NackReason.REJECTED, null, null)));

        assertGolden(frame, FROM_NODE_A
                + "0000000000000001 0000000000000000 00000002"
                + "08 00000022" //                             type 8 Nack, body 34 bytes
                + "01 0001 62 0001 78" //                      key EJB "b" "x"
                + "01" //                                      CONFLICT
                + "01 0000000000000002 0000000000000005" //    current present: 2/5
                + "01 0006 6e6f64652d62" //                    owner present: "node-b"
                + "08 0000000a 01 0001 62 0001 78 03 00 00"); // REJECTED, no current, no owner
    }

    private void assertGolden(Frame frame, String expectedHex) {
        String expected = expectedHex.replaceAll("\\s+", "");
        assertThat(hex(codec.encode(frame))).isEqualTo(expected);
        assertSameFrame(codec.decode(hex(expected)), frame);
    }
}
