package dev.understudy.connector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionState;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What operators read: readiness in the situations that matter (one node, two nodes, broker down, stopped), the
 * status figures, and the MXBean — registered while the adapter runs, its attributes and operations working.
 */
class AdapterStatusIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private EmbeddedBroker broker;
    private String cluster;
    private TestNode a;
    private TestNode b;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.create().start();
        cluster = "status-" + CLUSTERS.incrementAndGet();
    }

    @AfterEach
    void stopAll() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        broker.close();
    }

    private TestNode start(String id, String machine, String rack, String zone) throws Exception {
        UnderstudyResourceAdapter ra = TestNode.configured(id, cluster, broker.url());
        ra.setMachine(machine);
        ra.setRack(rack);
        ra.setZone(zone);
        return TestNode.start(ra);
    }

    private static ReplicationAdmin admin(TestNode node) {
        return node.factory.admin().orElseThrow();
    }

    @Test
    void readinessFollowsTheClusterAndTheBroker() throws Exception {
        a = start("a", "m1", "r1", "z1");

        await().atMost(WAIT).until(() -> admin(a).status().ready());
        assertThat(admin(a).status().readinessReason()).startsWith("ready as a single-node cluster");
        assertThat(admin(a).status().members()).isEmpty();

        b = start("b", "m2", "r1", "z2");
        await().atMost(WAIT).until(() -> admin(a).status().members().size() == 1);
        NodeStatus two = admin(a).status();
        assertThat(two.ready()).isTrue();
        assertThat(two.readinessReason()).isEqualTo("ready: connected to the broker, 1 other live node(s) can be"
                + " secondaries [b]");

        broker.stop();

        await().atMost(WAIT).until(() -> !admin(a).status().brokerConnected());
        NodeStatus down = admin(a).status();
        assertThat(down.ready()).isFalse();
        assertThat(down.readinessReason()).isEqualTo("no connection to the broker " + broker.url()
                + ": sessions are served unprotected until it answers");

        broker.start();

        await().atMost(WAIT).until(() -> admin(a).status().ready());
        a.adapter.stop();
        assertThat(admin(a).status().ready()).isFalse();
        assertThat(admin(a).status().readinessReason()).contains("not started");
    }

    @Test
    void theStatusShowsMembersSessionsDistributionLagAndCounters() throws Exception {
        a = start("a", "m1", "r1", "z1");
        b = start("b", "m2", "r2", "z2");
        await().atMost(WAIT).until(() -> admin(a).status().members().size() == 1
                && admin(b).status().members().size() == 1);
        SessionKey key;
        try (ReplicationConnection onA = a.connect()) {
            key = SessionKey.web("/shop", onA.newSessionId());
            long now = System.currentTimeMillis();
            onA.create(key, new SessionState(now, now, 600, Map.of("cart", "apple".getBytes(UTF_8))));
            onA.commit(key, new SessionChanges(Map.of("cart", "pear".getBytes(UTF_8)), Set.of(), now + 1, null));
        }
        await().atMost(WAIT).until(() -> admin(b).status().members().get(0).primaries() == 1);

        NodeStatus onA = admin(a).status();
        NodeStatus onB = admin(b).status();

        assertThat(onA.self()).isEqualTo(new NodeStatus.Member("a", "m1", "r1", "z1", 1, 0, 0));
        assertThat(onA.members()).singleElement().satisfies(m -> {
            assertThat(m.nodeId()).isEqualTo("b");
            assertThat(m.zone()).isEqualTo("z2");
        });
        assertThat(onB.members().get(0).primaries()).isEqualTo(1);
        assertThat(onB.self().backups()).isEqualTo(1);
        assertThat(onA.distribution()).isEqualTo(Map.of("b", 1));
        assertThat(onA.unprotected()).isZero();
        assertThat(onA.settings().mode()).isEqualTo(ReplicationMode.SYNC);
        assertThat(onA.replication().unacknowledged()).isZero();
        assertThat(onA.replication().oldestUnacknowledgedMillis()).isZero();
        assertThat(onA.replication().lastAckLatencyMicros()).isPositive();
        assertThat(onA.replication().meanAckLatencyMicros()).isPositive();
        assertThat(onA.replication().bytesPerReplication()).isPositive();
        assertThat(onA.counters()).containsEntry("sessions_created", 1L).containsEntry("deltas_sent", 1L)
                .containsEntry("states_sent", 1L).containsEntry("ack_latency_samples", 2L);
        assertThat(onB.counters()).containsEntry("deltas_applied", 1L).containsEntry("states_applied", 1L);
        assertThat(admin(a).explain(key)).hasValueSatisfying(why -> assertThat(why).startsWith("b: other zone"));
    }

    @Test
    void theMXBeanLivesWithTheAdapterAndItsAttributesAndOperationsWork() throws Exception {
        a = start("a", "m1", "r1", "z1");
        b = start("b", "m2", "r1", "z1");
        ObjectName name = new ObjectName("dev.understudy:type=ResourceAdapter,node=a");
        await().atMost(WAIT).until(() -> admin(a).status().ready() && admin(a).status().members().size() == 1);
        assertThat(server.isRegistered(name)).isTrue();
        String levelBefore = LogLevels.current();
        try {
            assertThat(server.getAttribute(name, "NodeId")).isEqualTo("a");
            assertThat(server.getAttribute(name, "Ready")).isEqualTo(true);
            assertThat((String) server.getAttribute(name, "ReadinessReason")).startsWith("ready:");
            assertThat(server.getAttribute(name, "Mode")).isEqualTo("SYNC");
            assertThat(((CompositeData[]) server.getAttribute(name, "Members"))[0].get("nodeId")).isEqualTo("b");
            assertThat(((TabularData) server.getAttribute(name, "Counters")).containsKey(new Object[] {"deltas_sent"}))
                    .isTrue();
            CompositeData status = (CompositeData) server.getAttribute(name, "Status");
            assertThat(((CompositeData) status.get("settings")).get("mode")).isEqualTo("SYNC");

            server.setAttribute(name, new Attribute("Mode", "async"));
            server.invoke(name, "setBatching", new Object[] {5, 250L}, new String[] {"int", "long"});
            server.setAttribute(name, new Attribute("PreferredSecondary", "b"));
            server.setAttribute(name, new Attribute("LogLevel", "fine"));

            assertThat(admin(a).settings().mode()).isEqualTo(ReplicationMode.ASYNC);
            assertThat(server.getAttribute(name, "BatchSize")).isEqualTo(5);
            assertThat(server.getAttribute(name, "BatchDelayMillis")).isEqualTo(250L);
            assertThat(server.getAttribute(name, "PreferredSecondary")).isEqualTo("b");
            assertThat(server.getAttribute(name, "LogLevel")).isEqualTo("FINE");
            String id;
            try (ReplicationConnection onA = a.connect()) {
                assertThat(onA.mode()).isEqualTo(ReplicationMode.ASYNC);
                id = onA.newSessionId();
                long now = System.currentTimeMillis();
                onA.create(SessionKey.web("/shop", id), new SessionState(now, now, 60, Map.of()));
            }
            assertThat((String) server.invoke(name, "explain", new Object[] {"web", "/shop", id},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()}))
                    .startsWith("b: admin pairing");
            assertThat((String) server.invoke(name, "explain", new Object[] {"WEB", "/shop", "unknown"},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()}))
                    .contains("does not serve");

            assertThatThrownBy(() -> server.setAttribute(name, new Attribute("Mode", "FAST")))
                    .isInstanceOf(RuntimeMBeanException.class).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mode must be one of [SYNC, ASYNC, BATCH], was \"FAST\"; it stays ASYNC");
            assertThatThrownBy(() -> server.setAttribute(name, new Attribute("PreferredSecondary", "ghost")))
                    .isInstanceOf(RuntimeMBeanException.class).rootCause()
                    .hasMessageContaining("must be a live member of the cluster [b]");
            assertThatThrownBy(() -> server.invoke(name, "setBatching", new Object[] {-1, 250L},
                    new String[] {"int", "long"})).isInstanceOf(RuntimeMBeanException.class).rootCause()
                    .hasMessageContaining("batchSize must be in [1, 100000], was -1");
            assertThat(server.getAttribute(name, "Mode")).isEqualTo("ASYNC");
            assertThat(server.getAttribute(name, "BatchSize")).isEqualTo(5);
            assertThat(server.getAttribute(name, "PreferredSecondary")).isEqualTo("b");
            assertThat(server.getMBeanInfo(name).getOperations()).anySatisfy(op -> {
                assertThat(op.getName()).isEqualTo("setBatching");
                assertThat(op.getSignature()[0].getName()).isEqualTo("size");
            });
        } finally {
            LogLevels.set(java.util.logging.Level.parse(levelBefore));
        }

        a.adapter.stop();

        assertThat(server.isRegistered(name)).isFalse();
        assertThat(server.isRegistered(new ObjectName("dev.understudy:type=ResourceAdapter,node=b"))).isTrue();
    }
}
