package dev.understudy.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.SessionKind;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.NackReason;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sample messages and a content-based comparison (record equality compares byte arrays by identity). */
final class CodecFixtures {
    static final NodeId NODE_A = NodeId.of("node-a");
    static final NodeId NODE_B = NodeId.of("node-b");
    static final SessionKey KEY = SessionKey.web("app", "s1");
    static final SessionKey EJB_KEY = new SessionKey(SessionKind.EJB, "shop.ear/CartBean", "Abc_-9");
    static final Metadata META = new Metadata(1000, 2000, 1800);

    private CodecFixtures() {
    }

    static SessionData data() {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        attributes.put("user", "alice".getBytes(StandardCharsets.UTF_8));
        attributes.put("empty", new byte[0]);
        attributes.put("naïve ✓ 😀", new byte[] {(byte) 0xff, 0, 0x7f, (byte) 0x80});
        return new SessionData(META, attributes);
    }

    /** One of each message type, with optional fields set. */
    static List<Message> everyMessage() {
        List<Message> all = new ArrayList<>();
        all.add(new Message.Heartbeat(new NodeInfo(NODE_A, Long.MAX_VALUE, new Topology("m1", "r1", "z1")), 3, 2));
        all.add(new Message.Leave(NODE_B));
        all.add(new Message.Ping(-1L, Long.MIN_VALUE));
        all.add(new Message.StateTransfer(KEY, new Stamp(3, 5), NODE_B, Message.StateTransfer.Reason.CLAIM,
                new Stamp(2, 5), data()));
        all.add(new Message.Delta(EJB_KEY, new Stamp(1, 2), META, Map.of("a", new byte[] {1, 2}),
                List.of("b", "c")));
        all.add(new Message.Touch(KEY, 4, 123_456_789L));
        all.add(new Message.Ack(KEY, new Stamp(2, 5)));
        all.add(new Message.Nack(EJB_KEY, NackReason.CONFLICT, new Stamp(2, 5), NODE_B));
        all.add(new Message.ResyncRequest(KEY, new Stamp(0, 0)));
        all.add(new Message.FetchRequest(77, KEY));
        all.add(new Message.FetchReply(78, KEY, true, new Stamp(6, 7), NODE_A, NODE_B, data()));
        all.add(new Message.Revoke(KEY, new Stamp(9, 1), NODE_B));
        all.add(new Message.Release(KEY, new Stamp(9, 2)));
        all.add(new Message.Invalidate(EJB_KEY, new Stamp(9, 3)));
        all.add(new Message.ChangeId(KEY, "s2-new_ID", new Stamp(9, 4)));
        all.add(new Message.VersionDigest(List.of(new Message.DigestEntry(KEY, new Stamp(1, 1)),
                new Message.DigestEntry(EJB_KEY, new Stamp(2, 3)))));
        return all;
    }

    /** Messages whose optional fields are {@code null} (or empty). */
    static List<Message> withNulls() {
        return List.of(
                new Message.StateTransfer(KEY, Stamp.INITIAL, NODE_A, Message.StateTransfer.Reason.CREATE, null,
                        SessionData.empty(META)),
                new Message.Delta(KEY, new Stamp(1, 2), null, Map.of(), List.of()),
                new Message.Nack(KEY, NackReason.UNKNOWN_SESSION, null, null),
                new Message.Nack(KEY, NackReason.FENCED, new Stamp(4, 4), null),
                new Message.ResyncRequest(KEY, null),
                Message.FetchReply.notFound(5, KEY),
                new Message.FetchReply(6, KEY, true, new Stamp(1, 1), NODE_A, null, SessionData.empty(META)),
                new Message.VersionDigest(List.of()),
                new Message.Heartbeat(new NodeInfo(NODE_A, 1, Topology.UNKNOWN), 0, 0));
    }

    static Frame frame(Message... messages) {
        return new Frame(NODE_A, 1, 0, List.of(messages));
    }

    /** Asserts that two frames hold the same content, comparing byte arrays by value. */
    static void assertSameFrame(Frame actual, Frame expected) {
        assertThat(canonical(actual)).isEqualTo(canonical(expected));
    }

    /**
     * A structural form of a record graph: records become (type, components) maps, byte arrays hex strings,
     * maps sorted maps, so that {@code equals} compares content.
     */
    static Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            return "0x" + HexFormat.of().formatHex((byte[]) value);
        }
        if (value instanceof Record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("@type", value.getClass().getName());
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    fields.put(c.getName(), canonical(c.getAccessor().invoke(value)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError(e);
                }
            }
            return fields;
        }
        if (value instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> sorted.put(String.valueOf(canonical(k)), canonical(v)));
            return sorted;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(v -> list.add(canonical(v)));
            return list;
        }
        return value;
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
