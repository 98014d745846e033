package dev.understudy.core.testing;

import static org.awaitility.Awaitility.await;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Topology;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.spi.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * Several real engines in one JVM over one transport (in memory, or a real Artemis broker in the transport
 * module's tests), with short timings, and the helpers the behaviour tests share.
 */
public abstract class EngineClusterSupport {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected final Map<String, ReplicationEngine> engines = new ConcurrentSkipListMap<>();
    private final List<Transport> rawTransports = new ArrayList<>();

    /** A fresh, unstarted transport for one node. */
    protected abstract Transport newTransport();

    @AfterEach
    void stopEngines() {
        engines.values().forEach(ReplicationEngine::close);
        engines.clear();
        rawTransports.forEach(Transport::close);
        rawTransports.clear();
    }

    /** Short timings so failures are detected within a second. */
    protected EngineConfig.Builder config(String id) {
        return EngineConfig.builder(NodeId.of(id))
                .topology(new Topology("machine-" + id, "rack-" + id, "zone-" + id))
                .mode(ReplicationMode.SYNC)
                .heartbeatInterval(Duration.ofMillis(100))
                .failureTimeout(Duration.ofMillis(800))
                .fetchTimeout(Duration.ofMillis(1500))
                .syncTimeout(Duration.ofSeconds(5))
                .digestInterval(Duration.ofMillis(500))
                .expiryInterval(Duration.ofMillis(200));
    }

    protected ReplicationEngine start(String id) {
        return start(id, UnaryOperator.identity());
    }

    protected ReplicationEngine start(String id, UnaryOperator<EngineConfig.Builder> tweak) {
        ReplicationEngine e = new ReplicationEngine(tweak.apply(config(id)).build(), newTransport()).start();
        engines.put(id, e);
        return e;
    }

    /** Starts the nodes one after another and waits until each sees all the others. */
    protected void startAll(String... ids) {
        for (String id : ids) {
            start(id);
        }
        awaitMembership();
    }

    protected void awaitMembership() {
        await().atMost(WAIT).until(() -> engines.values().stream()
                .allMatch(e -> e.status().liveMembers().size() == engines.size() - 1 && e.status().leaseValid()));
    }

    protected ReplicationEngine node(String id) {
        return engines.get(id);
    }

    /** Stops a node abruptly: no leave message, exactly what a crash looks like to its peers. */
    protected void kill(String id) {
        engines.remove(id).close();
    }

    /** Waits until every remaining node has stopped counting {@code id} as alive. */
    protected void awaitDeclaredDead(String id) {
        NodeId dead = NodeId.of(id);
        await().atMost(WAIT).until(() -> engines.values().stream()
                .noneMatch(e -> e.status().liveMembers().contains(dead)));
    }

    protected Optional<LocalCopy> peek(String node, SessionKey key) {
        return node(node).peek(key);
    }

    /** Sends raw bytes to {@code to}'s queue as if they came over the wire (from a connected injector). */
    protected void inject(ReplicationEngine to, byte[] frame) {
        if (rawTransports.isEmpty()) {
            Transport raw = newTransport();
            raw.start(NodeId.of("injector"), new NoopListener());
            rawTransports.add(raw);
            await().atMost(WAIT).until(raw::isConnected);
        }
        rawTransports.get(0).send(to.node().id(), frame);
    }

    /** Sends {@code messages} to {@code to} in a frame that claims to come from {@code sender}. */
    protected void injectFrom(ReplicationEngine sender, ReplicationEngine to, Message... messages) {
        Frame frame = new Frame(sender.node().id(), sender.node().number(), to.node().number(), List.of(messages));
        inject(to, new FrameCodec().encode(frame));
    }

    // ---- sessions holding a counter ----

    protected static SessionKey key(String id) {
        return SessionKey.web("/shop", id);
    }

    protected static SessionData newSession(int count) {
        long now = System.currentTimeMillis();
        return new SessionData(new Metadata(now, now, 1800), Map.of("counter", intBytes(count)));
    }

    protected static Changes setCounter(int count) {
        return Changes.set("counter", intBytes(count));
    }

    protected static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    protected static int counterOf(SessionData data) {
        return ByteBuffer.wrap(data.attributes().get("counter")).getInt();
    }

    protected static int counterOf(LocalCopy copy) {
        return counterOf(copy.snapshot().data());
    }

    protected CommitResult increment(ReplicationEngine e, SessionKey key) {
        int current = counterOf(e.peek(key).orElseThrow().snapshot().data());
        return e.commit(key, setCounter(current + 1));
    }

    private static final class NoopListener implements Transport.Listener {
        @Override
        public void onFrame(byte[] frame) {
        }

        @Override
        public void onConnected() {
        }

        @Override
        public void onDisconnected(Throwable cause) {
        }

        @Override
        public void onUndeliverable(NodeId to, byte[] frame, Throwable cause) {
        }

        @Override
        public void onPeerGone(NodeId peer) {
        }
    }
}
