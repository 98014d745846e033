package dev.understudy.connector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.StoredSession;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two adapters (nodes a and b) in one JVM over a real embedded broker, driven only through the JCA classes and
 * the public API, as the web filter drives them: create on a, take over on b with the route from a's cookie,
 * and a graceful stop that hands a's sessions to b.
 */
class AdapterFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static EmbeddedBroker broker;

    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void startNodes() throws Exception {
        String cluster = "failover-" + CLUSTERS.incrementAndGet();
        a = TestNode.start("a", cluster, broker.url());
        b = TestNode.start("b", cluster, broker.url());
        await().atMost(WAIT).until(() -> sees(a, "b") && sees(b, "a"));
    }

    @AfterEach
    void stopNodes() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static boolean sees(TestNode node, String peer) {
        AdapterHealth h = node.adapter.health();
        return h.healthy() && h.liveMembers().contains(peer);
    }

    @Test
    void aSessionCreatedOnATakesOverOnBWithTheRouteFromItsCookie() throws Exception {
        SessionKey key;
        String cookie;
        long created = System.currentTimeMillis();
        try (ReplicationConnection onA = a.connect()) {
            key = SessionKey.web("/shop", onA.newSessionId());
            StoredSession stored = onA.create(key, new SessionState(created, created, 1800,
                    Map.of("counter", bytes("1"))));
            assertThat(stored.arrived()).isFalse();
            assertThat(stored.route().primary()).isEqualTo("a");
            assertThat(stored.route().secondary()).isEqualTo("b");

            CommitReceipt receipt = onA.commit(key, new SessionChanges(Map.of("counter", bytes("2")), Set.of(),
                    created + 1, null));
            assertThat(receipt.protection()).isEqualTo(CommitReceipt.Protection.ACKNOWLEDGED);
            assertThat(receipt.version()).isEqualTo(stored.version() + 1);
            assertThat(onA.explain(key)).hasValueSatisfying(why -> assertThat(why).startsWith("b"));
            cookie = onA.encodeRoute(receipt.route());
        }

        try (ReplicationConnection onB = b.connect()) {
            SessionRoute route = onB.decodeRoute(cookie).orElseThrow();
            assertThat(route).isEqualTo(new SessionRoute(key.id(), "a", "b", 1));
            assertThat(onB.decodeRoute(cookie.substring(0, cookie.length() - 2) + "xx")).isEmpty();

            StoredSession opened = onB.open(key, route).orElseThrow();

            assertThat(opened.arrived()).isTrue();
            assertThat(opened.route().primary()).isEqualTo("b");
            assertThat(opened.route().epoch()).isGreaterThan(1);
            assertThat(opened.state().creationTime()).isEqualTo(created);
            assertThat(opened.state().lastAccessedTime()).isEqualTo(created + 1);
            assertThat(opened.state().maxInactiveSeconds()).isEqualTo(1800);
            assertThat(new String(opened.state().attributes().get("counter"), UTF_8)).isEqualTo("2");

            assertThat(onB.open(key, route).orElseThrow().arrived()).as("served already: no second arrival").isFalse();
            CommitReceipt onNewPrimary = onB.commit(key, new SessionChanges(Map.of("counter", bytes("3")),
                    Set.of(), created + 2, null));
            assertThat(onNewPrimary.route().primary()).isEqualTo("b");
        }

        try (ReplicationConnection onA = a.connect()) {
            assertThatThrownBy(() -> onA.commit(key, new SessionChanges(Map.of("counter", bytes("99")), Set.of(),
                    created + 3, null))).isInstanceOf(SessionMovedException.class);
        }
    }

    /** Seed ¶66: a Java client carries the pair as one summed number; the receiver subtracts the primary's. */
    @Test
    void aSummedRouteFromAIsReadOnBWithItsSecondary() throws Exception {
        SessionKey key;
        String summed;
        StoredSession stored;
        try (ReplicationConnection onA = a.connect()) {
            key = SessionKey.bean("/shop", onA.newSessionId());
            long now = System.currentTimeMillis();
            stored = onA.create(key, new SessionState(now, now, 1800, Map.of("step", bytes("1"))));
            summed = onA.encodeSummedRoute(stored.route());
        }
        assertThat(summed).doesNotContain(".b.").matches(key.id() + "\\.a\\._[0-9]+\\.1\\.[A-Za-z0-9_-]{26}");
        try (ReplicationConnection onB = b.connect()) {
            assertThat(onB.decodeSummedRoute(summed)).contains(new SessionRoute(key.id(), "a", "b", 1));
            String otherSum = summed.replaceFirst("\\._[0-9]+\\.", "._12345.");
            assertThat(onB.decodeSummedRoute(otherSum)).as("forged sum").isEmpty();
            assertThat(onB.decodeSummedRoute("garbage")).isEmpty();
            assertThat(onB.decodeRoute(summed)).as("a summed value is no cookie").isEmpty();
            StoredSession opened = onB.open(key, onB.decodeSummedRoute(summed).orElseThrow()).orElseThrow();
            assertThat(opened.arrived()).isTrue();
            assertThat(new String(opened.state().attributes().get("step"), UTF_8)).isEqualTo("1");
            String alone = onB.encodeSummedRoute(new SessionRoute(key.id(), "b", null, 5));
            assertThat(onB.decodeSummedRoute(alone)).contains(new SessionRoute(key.id(), "b", null, 5));
        }
    }

    @Test
    void stopHandsTheSessionsOfANodeToTheirSecondaries() throws Exception {
        List<SessionKey> promotedOnB = new CopyOnWriteArrayList<>();
        b.factory.setSessionEventListener(SessionKind.WEB, "/shop", new SessionEventListener() {
            @Override
            public void promoted(SessionKey key) {
                promotedOnB.add(key);
            }
        });
        SessionKey key;
        long now = System.currentTimeMillis();
        try (ReplicationConnection onA = a.connect()) {
            key = SessionKey.web("/shop", onA.newSessionId());
            onA.create(key, new SessionState(now, now, 600, Map.of("cart", bytes("apple"))));
        }

        a.adapter.stop();

        assertThat(a.adapter.health().status()).isEqualTo(AdapterHealth.Status.STOPPED);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("every thread of node a ended").noneMatch(n -> n.equals("understudy-engine-a")
                        || n.startsWith("understudy-artemis-a-"));
        assertThat(b.peek(key)).hasValueSatisfying(c -> assertThat(c.role()).isEqualTo(LocalCopy.Role.PRIMARY));
        await().atMost(WAIT).until(() -> promotedOnB.contains(key));
        try (ReplicationConnection onB = b.connect()) {
            StoredSession served = onB.open(key, new SessionRoute(key.id(), "a", "b", 1)).orElseThrow();
            assertThat(served.route().primary()).isEqualTo("b");
            assertThat(new String(served.state().attributes().get("cart"), UTF_8)).isEqualTo("apple");
        }
        assertThatThrownBy(a::connect).isInstanceOf(ReplicationException.class).hasMessageContaining("not started");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
