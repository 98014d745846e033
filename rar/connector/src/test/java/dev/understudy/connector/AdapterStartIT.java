package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionState;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.time.Duration;
import java.util.Map;
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
}
