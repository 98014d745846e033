package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionState;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ManagedConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handle discipline and connection events, with the real classes and a pooling connection manager: closed
 * handles refuse every call, {@code CONNECTION_CLOSED} returns the managed connection to the pool, matching reuses
 * it, and a broker failure reports {@code CONNECTION_ERROR_OCCURRED} (after the request in flight).
 */
class ConnectionLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private EmbeddedBroker broker;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.create().start();
        node = TestNode.start("solo", "lifecycle-" + CLUSTERS.incrementAndGet(), broker.url());
        await().atMost(WAIT).until(() -> node.adapter.health().healthy());
    }

    @AfterEach
    void stop() {
        node.close();
        broker.close();
    }

    @Test
    void aClosedHandleRefusesEveryCallAndItsCloseIsReportedOnce() {
        ReplicationConnection handle = node.connect();
        String nodeId = handle.nodeId();

        handle.close();
        handle.close();

        assertThat(nodeId).isEqualTo("solo");
        assertThat(node.manager.eventTypes()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(node.manager.events.get(0).getConnectionHandle()).isSameAs(handle);
        SessionKey key = SessionKey.web("/x", "abc");
        assertThatThrownBy(handle::nodeId).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(handle::newSessionId).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handle.open(key, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handle.decodeRoute("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handle.touch(key, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReturnedConnectionIsMatchedAndReusedOnlyByAnEquallyConfiguredFactory() throws Exception {
        node.connect().close();
        node.connect().close();
        assertThat(node.manager.created).hasSize(1);
        ManagedConnection pooled = node.manager.created.get(0);

        UnderstudyManagedConnectionFactory same = new UnderstudyManagedConnectionFactory();
        same.setResourceAdapter(node.adapter);
        UnderstudyManagedConnectionFactory strict = new UnderstudyManagedConnectionFactory();
        strict.setAllowDegraded(false);
        strict.setResourceAdapter(node.adapter);
        assertThat(same.matchManagedConnections(Set.of(pooled), null, null)).isSameAs(pooled);
        assertThat(strict.matchManagedConnections(Set.of(pooled), null, null)).isNull();
        assertThat(same.getInvalidConnections(Set.of(pooled))).isEmpty();

        pooled.destroy();

        assertThat(same.matchManagedConnections(Set.of(pooled), null, null)).isNull();
        assertThat(same.getInvalidConnections(Set.of(pooled))).containsExactly(pooled);
    }

    @Test
    void associateCleanupAndDestroyMoveOrInvalidateHandles() throws Exception {
        UnderstudyManagedConnection first = (UnderstudyManagedConnection) node.mcf.createManagedConnection(null, null);
        UnderstudyManagedConnection second = (UnderstudyManagedConnection) node.mcf.createManagedConnection(null, null);
        RecordingConnectionManager events = new RecordingConnectionManager();
        second.addConnectionEventListener(events);
        ReplicationConnection handle = (ReplicationConnection) first.getConnection(null, null);

        second.associateConnection(handle);

        assertThat(first.openHandles()).isZero();
        assertThat(second.openHandles()).isEqualTo(1);
        assertThat(handle.nodeId()).isEqualTo("solo");
        handle.close();
        assertThat(events.events).singleElement().satisfies(e -> assertThat(e.getSource()).isSameAs(second));

        ReplicationConnection cleaned = (ReplicationConnection) first.getConnection(null, null);
        first.cleanup();
        assertThatThrownBy(cleaned::nodeId).isInstanceOf(IllegalStateException.class);
        ReplicationConnection destroyed = (ReplicationConnection) first.getConnection(null, null);
        first.destroy();
        assertThatThrownBy(destroyed::mode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> first.getConnection(null, null)).hasMessageContaining("destroyed");
        assertThatThrownBy(first::getLocalTransaction).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(first::getXAResource).isInstanceOf(NotSupportedException.class);
        assertThat(first.getMetaData().getEISProductName()).isEqualTo("Understudy");
        second.destroy();
    }

    @Test
    void aBrokerFailureIsReportedAsAConnectionErrorAfterTheRequestInFlight() throws Exception {
        node.connect().close(); // an idle pooled connection
        ManagedConnection idle = node.manager.created.get(0);
        ReplicationConnection inFlight = node.connect(); // matched: the idle one is busy again
        ReplicationConnection second = node.connect();
        ManagedConnection busy = node.manager.created.get(1);
        second.close(); // busy is idle now, idle is in use by inFlight
        assertThat(node.manager.free()).containsExactly(busy);
        node.manager.events.clear();

        broker.stop();

        await().atMost(WAIT).until(() -> node.manager.eventTypes().contains(ConnectionEvent.CONNECTION_ERROR_OCCURRED));
        assertThat(node.manager.events).singleElement().satisfies(e -> assertThat(e.getSource()).isSameAs(busy));
        assertThat(node.adapter.health().healthy()).isFalse();
        long now = System.currentTimeMillis();
        SessionKey key = SessionKey.web("/x", inFlight.newSessionId());
        inFlight.create(key, new SessionState(now, now, 60, Map.of()));
        CommitReceipt degraded = inFlight.invalidate(key);
        assertThat(degraded.protection()).isEqualTo(CommitReceipt.Protection.UNPROTECTED);

        inFlight.close();

        assertThat(node.manager.events).extracting(ConnectionEvent::getId, ConnectionEvent::getSource)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConnectionEvent.CONNECTION_ERROR_OCCURRED, busy),
                        org.assertj.core.groups.Tuple.tuple(ConnectionEvent.CONNECTION_CLOSED, idle),
                        org.assertj.core.groups.Tuple.tuple(ConnectionEvent.CONNECTION_ERROR_OCCURRED, idle));
        assertThat(node.manager.free()).isEmpty();
        assertThat(node.context.workManager().completed()).isGreaterThanOrEqualTo(1);

        ReplicationConnectionFactory strict = strictFactory();
        assertThatThrownBy(strict::getConnection).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("allowDegraded");
        node.connect().close(); // the default factory still serves, degraded

        broker.start();
        await().atMost(WAIT).until(() -> node.adapter.health().healthy());
        strict.getConnection().close();
    }

    private ReplicationConnectionFactory strictFactory() throws Exception {
        UnderstudyManagedConnectionFactory strict = new UnderstudyManagedConnectionFactory();
        strict.setAllowDegraded(false);
        strict.setResourceAdapter(node.adapter);
        return (ReplicationConnectionFactory) strict.createConnectionFactory(new RecordingConnectionManager());
    }

    @Test
    void aHandleThatDidNotOpenTheSessionCommitsWithoutLosingItsMetadata() {
        long t0 = 1_700_000_000_000L;
        SessionKey key;
        try (ReplicationConnection creating = node.connect()) {
            key = SessionKey.web("/meta", creating.newSessionId());
            creating.create(key, new SessionState(t0, t0, 600, Map.of("a", new byte[] {1})));
        }
        try (ReplicationConnection fresh = node.connect()) {
            CommitReceipt r = fresh.commit(key, new SessionChanges(Map.of("b", new byte[] {2}), Set.of("a"), t0 + 5,
                    null));
            assertThat(r.route().sessionId()).isEqualTo(key.id());
        }
        try (ReplicationConnection reading = node.connect()) {
            SessionState state = reading.open(key, null).orElseThrow().state();
            assertThat(state.creationTime()).isEqualTo(t0);
            assertThat(state.lastAccessedTime()).isEqualTo(t0 + 5);
            assertThat(state.maxInactiveSeconds()).isEqualTo(600);
            assertThat(state.attributes()).containsOnlyKeys("b");

            reading.commit(key, new SessionChanges(Map.of(), Set.of(), t0 + 6, 30));
            String newId = reading.newSessionId();
            CommitReceipt moved = reading.changeId(key, newId);
            assertThat(moved.route().sessionId()).isEqualTo(newId);
            SessionKey renamed = SessionKey.web("/meta", newId);
            reading.commit(renamed, new SessionChanges(Map.of("c", new byte[] {3}), Set.of(), t0 + 7, null));
            assertThat(reading.open(renamed, null).orElseThrow().state().maxInactiveSeconds()).isEqualTo(30);
            assertThat(reading.explain(renamed)).hasValue("no secondary: no other live node");
            assertThatThrownBy(() -> reading.commit(key, new SessionChanges(Map.of(), Set.of(), t0 + 8, null)))
                    .isInstanceOf(dev.understudy.api.SessionMovedException.class);
            assertThatThrownBy(() -> reading.create(SessionKey.web("/meta", "bad id!"),
                    new SessionState(t0, t0, 1, Map.of()))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reading.create(renamed, new SessionState(t0, t0, 1, Map.of())))
                    .isInstanceOf(ReplicationException.class).hasMessageContaining("already exists");
            SessionKey large = SessionKey.web("/meta", reading.newSessionId());
            assertThatThrownBy(() -> reading.create(large, new SessionState(t0, t0, 1, Map.of("big",
                    new byte[5 * 1024 * 1024])))).isInstanceOf(IllegalArgumentException.class);
            assertThat(reading.limits()).isEqualTo(new dev.understudy.api.SizeLimits(4L << 20, 16L << 20));
        }
    }

    @Test
    void theNonManagedFactoryGivesEachConnectionItsOwnManagedConnection() throws Exception {
        ReplicationConnectionFactory plain = (ReplicationConnectionFactory) node.mcf.createConnectionFactory();
        ReplicationConnection one = plain.getConnection();
        ReplicationConnection two = plain.getConnection();
        assertThat(List.of(one.nodeId(), two.nodeId())).containsExactly("solo", "solo");
        one.close();
        assertThatThrownBy(one::nodeId).isInstanceOf(IllegalStateException.class);
        assertThat(two.nodeId()).isEqualTo("solo");
        two.close();
    }
}
