package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.testing.BrokerUsers;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on a broker secured with {@link BrokerPermissions} (login required, least privilege per node), each
 * with its exact outcome: the broker refuses with a security error, and nothing was created or taken. The
 * legitimate traffic of two nodes still flows. Raw core-client sessions play the attacker: a stranger without
 * credentials, one with a wrong password, a user who may log in but holds no role, and node {@code a} itself
 * reaching for what belongs to node {@code b} or to no one.
 */
class SecuredBrokerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CLUSTER = "sec";
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final SimpleString B_ADDRESS = SimpleString.of("understudy.sec.node.b");

    private final BrokerUsers users = BrokerUsers.of(CLUSTER, List.of(A, B))
            .add("nobody", "nobody-password", List.of());
    private final EmbeddedBroker broker = EmbeddedBroker.create().secured(users);
    private final List<ArtemisTransport> transports = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger transportLog = Logger.getLogger(ArtemisTransport.class.getPackageName());

    @BeforeEach
    void start() {
        broker.start();
        transportLog.addHandler(capture);
    }

    @AfterEach
    void stop() throws Exception {
        transportLog.removeHandler(capture);
        transports.forEach(ArtemisTransport::close);
        for (AutoCloseable client : clients) {
            client.close();
        }
        broker.close();
    }

    @Test
    void anAnonymousClientIsRefused() {
        assertRefused(() -> session(null, null));
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertRefused(() -> session(users.user(A), users.password(B)));
        assertRefused(() -> session("node-x", users.password(A)));
    }

    @Test
    void aUserWithoutRolesCanDoNothing() throws Exception {
        ClientSession nobody = session("nobody", "nobody-password");

        assertRefused(() -> nobody.createQueue(QueueConfiguration.of("understudy.sec.members.x.1")
                .setAddress("understudy.sec.members").setRoutingType(RoutingType.MULTICAST).setDurable(false)
                .setTemporary(true)));
        assertRefused(() -> send(nobody, "understudy.sec.members"));
        assertRefused(() -> nobody.createQueue(QueueConfiguration.of("understudy.sec.watch.x.1")
                .setAddress(BrokerLink.NOTIFICATIONS).setRoutingType(RoutingType.MULTICAST).setDurable(false)
                .setTemporary(true)));
    }

    @Test
    void nodeAConsumingNodeBsQueueOrSubscribingToItsAddressIsRefused() throws Exception {
        ArtemisTransport b = node(B, users.user(B), users.password(B));
        await().atMost(PATIENCE).until(b::isConnected);
        List<SimpleString> bQueues = broker.server().bindingQuery(B_ADDRESS).getQueueNames();
        assertThat(bQueues).as("node queue and lifeline").hasSize(2);
        SimpleString bQueue = bQueues.stream().filter(q -> broker.server().locateQueue(q).getFilter() == null)
                .findFirst().orElseThrow();
        ClientSession a = session(users.user(A), users.password(A));

        assertRefused(() -> a.createConsumer(bQueue));
        assertRefused(() -> a.createQueue(QueueConfiguration.of("understudy.sec.node.b.spy").setAddress(B_ADDRESS)
                .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true)));
        assertRefused(() -> a.createQueue(QueueConfiguration.of("understudy.sec.node.b.spy2").setAddress(B_ADDRESS)
                .setRoutingType(RoutingType.MULTICAST).setDurable(true)));
        assertRefused(() -> a.deleteQueue(bQueue));

        assertThat(broker.server().bindingQuery(B_ADDRESS).getQueueNames()).containsExactlyInAnyOrderElementsOf(bQueues);
        assertThat(broker.server().locateQueue(bQueue).getConsumerCount()).isEqualTo(1);
    }

    @Test
    void nodeACreatingAnAddressOutsideItsOwnIsRefused() throws Exception {
        ClientSession a = session(users.user(A), users.password(A));

        assertRefused(() -> a.createAddress(SimpleString.of("orders"), RoutingType.ANYCAST, false));
        assertRefused(() -> a.createAddress(SimpleString.of("understudy.sec.evil"), RoutingType.MULTICAST, false));
        assertRefused(() -> a.createAddress(SimpleString.of("understudy.sec.node.x"), RoutingType.MULTICAST, false));
        assertRefused(() -> a.createAddress(SimpleString.of("understudy.sec.node.a.x"), RoutingType.MULTICAST,
                false));
        assertRefused(() -> a.createQueue(QueueConfiguration.of("orders").setRoutingType(RoutingType.ANYCAST)
                .setDurable(false)));

        for (String name : List.of("orders", "understudy.sec.evil", "understudy.sec.node.x", "understudy.sec.node.a.x")) {
            assertThat(broker.server().getAddressInfo(SimpleString.of(name))).as(name).isNull();
        }
    }

    @Test
    void nodeASendingToANonUnderstudyAddressIsRefused() throws Exception {
        ClientSession a = session(users.user(A), users.password(A));
        a.createQueue(QueueConfiguration.of("understudy.sec.node.a.own").setAddress("understudy.sec.node.a")
                .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true)); // allowed: its own
        broker.server().createQueue(QueueConfiguration.of("orders").setRoutingType(RoutingType.ANYCAST)
                .setDurable(false));

        assertRefused(() -> send(a, "orders"));
        assertRefused(() -> send(a, "activemq.management"));
        assertRefused(() -> send(a, "understudy.other.node.b"));

        assertThat(broker.server().locateQueue("orders").getMessageCount()).isZero();
    }

    @Test
    void nodeAsOwnPermissionsWork() throws Exception {
        ClientSession a = session(users.user(A), users.password(A));
        a.createQueue(QueueConfiguration.of("understudy.sec.node.a.own").setAddress("understudy.sec.node.a")
                .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
        a.createConsumer("understudy.sec.node.a.own").close();
        send(a, "understudy.sec.node.b");
        send(a, "understudy.sec.members");
        a.createQueue(QueueConfiguration.of("understudy.sec.watch.a.1").setAddress(BrokerLink.NOTIFICATIONS)
                .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
        a.createConsumer("understudy.sec.watch.a.1").close();

        assertThat(broker.server().locateQueue("understudy.sec.node.a.own").getAddress().toString())
                .isEqualTo("understudy.sec.node.a");
        assertThat(broker.server().locateQueue("understudy.sec.watch.a.1")).isNotNull();
    }

    @Test
    void twoNodesReplicateUnderTheSecuredBroker() {
        ArtemisTransport a = node(A, users.user(A), users.password(A));
        ArtemisTransport b = node(B, users.user(B), users.password(B));
        RecordingListener la = listenerOf(a);
        RecordingListener lb = listenerOf(b);
        await().atMost(PATIENCE).until(() -> a.isConnected() && b.isConnected());

        for (int i = 0; i < 100; i++) {
            a.send(B, new byte[] {(byte) i});
        }
        b.broadcast(new byte[] {-1});

        await().atMost(PATIENCE).until(() -> lb.frames.size() == 101 && la.frames.size() == 1);
        assertThat(a.stats().confirmed()).isEqualTo(100);
        assertThat(la.undeliverable).isEmpty();
        assertThat(logged).noneMatch(r -> r.getMessage().startsWith("US-T402")); // the notification watch works
        b.close();
        await().atMost(PATIENCE).until(() -> la.gone.contains(B)); // and reports a peer gone
    }

    @Test
    void aRefusedLoginIsLoggedWithItsCodeAndRetriedUntilTheUserExists() {
        ArtemisTransport a = node(A, users.user(A), "not-the-password");
        RecordingListener la = listenerOf(a);

        await().atMost(PATIENCE).until(() -> la.downs() == 1);
        await().atMost(PATIENCE).until(() -> logged.stream().anyMatch(r -> r.getMessage().startsWith("US-T500")));
        assertThat(a.isConnected()).isFalse();
        LogRecord refused = logged.stream().filter(r -> r.getMessage().startsWith("US-T500")).findFirst().orElseThrow();
        assertThat(refused.getMessage()).contains("node-a").contains(broker.url()).doesNotContain("not-the-password")
                .doesNotContain(users.password(A));
        assertThat(refused.getThrown()).isNull();
        assertThat(logged).filteredOn(r -> r.getMessage().startsWith("US-T500")).hasSize(1); // not once per retry

        // the operator fixes the broker's side (the in-VM login module reads its users live): the retries succeed
        users.add(users.user(A), "not-the-password", List.of("node-a", BrokerPermissions.clusterRole(CLUSTER)));
        await().atMost(PATIENCE).until(a::isConnected);
        assertThat(la.connectivity).containsExactly("down", "up");
    }

    @Test
    void aNodeWithoutItsOwnPermissionsIsToldWhichAndRetries() {
        // node "c" may log in (cluster role) but the broker has no setting for its address
        users.add("node-c", "c-password", List.of("node-c", BrokerPermissions.clusterRole(CLUSTER)));
        ArtemisTransport c = node(NodeId.of("c"), "node-c", "c-password");
        RecordingListener lc = listenerOf(c);

        await().atMost(PATIENCE).until(() -> logged.stream().anyMatch(r -> r.getMessage().startsWith("US-T501")));
        assertThat(lc.downs()).isEqualTo(1);
        assertThat(c.isConnected()).isFalse();
        assertThat(logged.stream().filter(r -> r.getMessage().startsWith("US-T501")).findFirst().orElseThrow()
                .getMessage()).contains("node-c").contains("CREATE_NON_DURABLE_QUEUE").doesNotContain("c-password");
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    private ArtemisTransport node(NodeId id, String user, String password) {
        ArtemisTransport transport = new ArtemisTransport(ArtemisTransportConfig.builder()
                .brokerUrl(broker.url())
                .credentials(user, password)
                .clusterName(CLUSTER)
                .retryInterval(Duration.ofMillis(100))
                .callTimeout(Duration.ofSeconds(5))
                .build());
        transports.add(transport);
        listeners.add(new RecordingListener());
        transport.start(id, listeners.get(listeners.size() - 1));
        return transport;
    }

    private final List<RecordingListener> listeners = new ArrayList<>();

    private RecordingListener listenerOf(ArtemisTransport transport) {
        return listeners.get(transports.indexOf(transport));
    }

    /** A raw core-client session (blocking sends, so a refusal comes back to the caller). */
    private ClientSession session(String user, String password) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(broker.url()
                + "?useGlobalWorkerPool=false&remotingThreads=1").setUseGlobalPools(false)
                .setBlockOnNonDurableSend(true).setBlockOnDurableSend(true).setCallTimeout(5_000);
        clients.add(locator);
        ClientSessionFactory factory = locator.createSessionFactory();
        clients.add(factory);
        ClientSession session = factory.createSession(user, password, false, true, true, false, 0);
        clients.add(session);
        return session;
    }

    private static void send(ClientSession session, String address) throws ActiveMQException {
        try (ClientProducer producer = session.createProducer()) {
            ClientMessage message = session.createMessage(false);
            message.getBodyBuffer().writeBytes(new byte[] {1});
            message.setRoutingType(RoutingType.MULTICAST);
            producer.send(SimpleString.of(address), message);
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void assertRefused(Attempt attempt) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ActiveMQException.class,
                e -> assertThat(e.getType()).isEqualTo(ActiveMQExceptionType.SECURITY_EXCEPTION));
    }
}
