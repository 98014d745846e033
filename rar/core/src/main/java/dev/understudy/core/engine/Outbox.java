package dev.understudy.core.engine;

import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.spi.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Messages waiting for the end of the current loop run, grouped by destination. {@link #flush()} turns each
 * destination's messages into as few frames as the size bound allows and hands them to the transport: this
 * is the coalescing of ARCHITECTURE §6. Loop thread only.
 */
final class Outbox {
    /**
     * Frames are cut once their estimated size passes this: below Artemis' default large-message threshold
     * (100 KiB), above which the broker streams a message in chunks at a much higher cost. A single larger
     * message still travels alone.
     */
    private static final long FRAME_TARGET_BYTES = 90L << 10;
    private static final int FRAME_MAX_MESSAGES = 8192;

    private final NodeInfo self;
    private final Transport transport;
    private final FrameCodec codec;
    private final EngineMetrics metrics;
    private final ToLongFunction<NodeId> incarnationOf;
    private final Map<NodeId, List<Message>> pending = new LinkedHashMap<>();
    private final List<Message> broadcasts = new ArrayList<>();
    /** Acknowledgements owed, the newest stamp per session: one ack answers every change of the run. */
    private final Map<NodeId, Map<SessionKey, Stamp>> acks = new LinkedHashMap<>();

    Outbox(NodeInfo self, Transport transport, FrameCodec codec, EngineMetrics metrics,
            ToLongFunction<NodeId> incarnationOf) {
        this.self = self;
        this.transport = transport;
        this.codec = codec;
        this.metrics = metrics;
        this.incarnationOf = incarnationOf;
    }

    void send(NodeId to, Message message) {
        pending.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
    }

    /**
     * Owes {@code to} an acknowledgement of {@code key} at {@code stamp}. Acknowledgements of the same
     * session in one loop run collapse into the newest (group commit): the primary releases every waiter at
     * or below an acknowledged version.
     */
    void ack(NodeId to, SessionKey key, Stamp stamp) {
        acks.computeIfAbsent(to, k -> new LinkedHashMap<>())
                .merge(key, stamp, (a, b) -> b.isNewerThan(a) ? b : a);
    }

    void broadcast(Message message) {
        broadcasts.add(message);
    }

    void flush() {
        acks.forEach((to, owed) -> owed.forEach((key, stamp) -> send(to, new Message.Ack(key, stamp))));
        acks.clear();
        if (!broadcasts.isEmpty()) {
            List<Message> all = new ArrayList<>(broadcasts);
            broadcasts.clear();
            for (List<Message> part : split(all)) {
                byte[] bytes = codec.encode(new Frame(self.id(), self.number(), 0, part));
                count(part.size(), bytes.length);
                transport.broadcast(bytes);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<NodeId, List<Message>>> entries = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<NodeId, List<Message>> e : entries) {
            long target = incarnationOf.applyAsLong(e.getKey());
            for (List<Message> part : split(e.getValue())) {
                byte[] bytes = codec.encode(new Frame(self.id(), self.number(), target, part));
                count(part.size(), bytes.length);
                if (!self.id().equals(e.getKey())) {
                    metrics.add(Counter.REPLICATION_BYTES, bytes.length);
                }
                transport.send(e.getKey(), bytes);
            }
        }
    }

    private void count(int messages, int bytes) {
        metrics.increment(Counter.FRAMES_SENT);
        metrics.add(Counter.MESSAGES_SENT, messages);
        metrics.add(Counter.BYTES_SENT, bytes);
    }

    private static List<List<Message>> split(List<Message> messages) {
        List<List<Message>> parts = new ArrayList<>();
        List<Message> current = new ArrayList<>();
        long size = 0;
        for (Message m : messages) {
            long estimate = estimate(m);
            if (!current.isEmpty() && (size + estimate > FRAME_TARGET_BYTES || current.size() >= FRAME_MAX_MESSAGES)) {
                parts.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(m);
            size += estimate;
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    private static long estimate(Message m) {
        if (m instanceof Message.StateTransfer st) {
            return 128 + st.data().byteSize() + 8L * st.data().attributes().size();
        }
        if (m instanceof Message.Delta d) {
            long size = 128;
            for (Map.Entry<String, byte[]> e : d.set().entrySet()) {
                size += 8 + e.getKey().length() + e.getValue().length;
            }
            return size;
        }
        if (m instanceof Message.FetchReply r && r.found()) {
            return 128 + r.data().byteSize() + 8L * r.data().attributes().size();
        }
        if (m instanceof Message.VersionDigest v) {
            return 64 + 96L * v.entries().size();
        }
        return 96;
    }
}
