package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionState;
import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.ArtemisTransport;
import dev.understudy.transport.artemis.BrokerPermissions;
import dev.understudy.transport.artemis.testing.BrokerUsers;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What {@code start()} refuses, and what it must not refuse: a broker that is not there yet. */
class AdapterStartIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWrongPropertyValueStopsStartWithAMessageNamingIt() {
        UnderstudyResourceAdapter wrongMode = TestNode.configured("a", "start", "tcp://127.0.0.1:1");
        wrongMode.setMode("FAST");
        UnderstudyResourceAdapter noSecret = TestNode.configured("a", "start", "tcp://127.0.0.1:1");
        noSecret.setRouteSecret("");
        UnderstudyResourceAdapter badNode = TestNode.configured("Node_A", "start", "tcp://127.0.0.1:1");

        assertThatThrownBy(() -> TestNode.start(wrongMode)).isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property mode").hasMessageContaining("FAST");
        assertThatThrownBy(() -> TestNode.start(noSecret)).isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property routeSecret");
        assertThatThrownBy(() -> TestNode.start(badNode)).isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property nodeId");
        assertThat(wrongMode.health().status()).isEqualTo(AdapterHealth.Status.STOPPED);
        assertThatThrownBy(() -> wrongMode.endpointActivation(null, null)).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void theAdapterStartsWithoutABrokerAndBecomesHealthyWhenItArrives() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create();
                TestNode node = TestNode.start("late", "start-late", broker.url())) {
            AdapterHealth before = node.adapter.health();
            assertThat(before.status()).isEqualTo(AdapterHealth.Status.UNHEALTHY);
            assertThat(before.detail()).contains(broker.url());
            long now = System.currentTimeMillis();
            try (ReplicationConnection degraded = node.connect()) {
                SessionKey key = SessionKey.web("/x", degraded.newSessionId());
                assertThat(degraded.create(key, new SessionState(now, now, 60, Map.of())).route().primary())
                        .isEqualTo("late");
                assertThat(degraded.invalidate(key).protection()).isEqualTo(CommitReceipt.Protection.UNPROTECTED);
            }

            broker.start();

            await().atMost(WAIT).until(() -> node.adapter.health().healthy());
            assertThat(node.adapter.health().brokerConnected()).isTrue();
        }
    }

    /**
     * A secured broker refuses the node's login: the adapter starts anyway (as without a broker), stays unhealthy,
     * logs the refusal with its code and never the password, and connects by itself once the broker knows the user.
     */
    @Test
    void aRefusedLoginIsCodedAndRetriedUntilTheBrokerAcceptsIt() throws Exception {
        BrokerUsers users = BrokerUsers.of("start-sec", List.of(NodeId.of("sec")));
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger transportLog = Logger.getLogger(ArtemisTransport.class.getPackageName());
        transportLog.addHandler(handler);
        try (EmbeddedBroker broker = EmbeddedBroker.create().secured(users).start()) {
            UnderstudyResourceAdapter adapter = TestNode.configured("sec", "start-sec", broker.url());
            adapter.setUser("node-sec");
            adapter.setPassword("wrong-password");
            try (TestNode node = TestNode.start(adapter)) {
                await().atMost(WAIT).until(() -> records.stream().anyMatch(r -> r.getMessage().startsWith("US-T500")));
                assertThat(node.adapter.health().status()).isEqualTo(AdapterHealth.Status.UNHEALTHY);
                assertThat(node.adapter.health().brokerConnected()).isFalse();
                assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains("wrong-password"));

                users.add("node-sec", "wrong-password", List.of("node-sec", BrokerPermissions.clusterRole("start-sec")));

                await().atMost(WAIT).until(() -> node.adapter.health().brokerConnected());
            }
        } finally {
            transportLog.removeHandler(handler);
        }
    }
}
