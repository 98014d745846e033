package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.testing.BrokerUsers;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Artemis transport against a real embedded broker, secured as shipped (login required, each node with the
 * least privileges of {@link BrokerPermissions}): every node logs in as its own user.
 */
class ArtemisTransportIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Threads a transport owns: its own, and the Netty event loops of its connections. */
    private static final Pattern TRANSPORT_THREAD =
            Pattern.compile("understudy-artemis-.*|(epoll|nio)EventLoopGroup-.*|.*activemq-client.*");

    private final BrokerUsers users = BrokerUsers.of("it",
            Stream.of("a", "b", "c", "late").map(NodeId::of).toList());
    private final EmbeddedBroker broker = EmbeddedBroker.create().secured(users);
    private final List<ArtemisTransport> transports = new ArrayList<>();
    private final List<RecordingListener> listeners = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker.start();
    }

    @AfterEach
    void stopEverything() {
        transports.forEach(ArtemisTransport::close);
        listeners.forEach(l -> l.closed = true);
        broker.close(); // takes a moment: a late callback would show
        assertThat(listeners).allSatisfy(l -> assertThat(l.callbacksAfterClose).hasValue(0));
    }

    @Test
    void pointToPointDeliversInOrder() {
        ArtemisTransport a = node("a");
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();

        for (int i = 0; i < 1000; i++) {
            a.send(NodeId.of("b"), ByteBuffer.allocate(4).putInt(i).array());
        }

        await().atMost(PATIENCE).until(() -> b.frames.size() >= 1000);
        assertThat(b.frames).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(ByteBuffer.wrap(b.frames.get(i)).getInt()).isEqualTo(i);
        }
        await().atMost(PATIENCE).until(() -> a.stats().confirmed() == 1000);
        assertThat(a.stats().inFlight()).isZero();
        assertThat(listenerOf(a).frames).isEmpty();
        assertThat(listenerOf(a).undeliverable).isEmpty();
    }

    @Test
    void broadcastReachesEveryNodeTheSenderIncluded() {
        ArtemisTransport a = node("a");
        node("b");
        node("c");
        awaitConnected();

        a.broadcast(new byte[] {42});

        for (RecordingListener l : listeners) {
            await().atMost(PATIENCE).until(() -> l.frames.size() == 1);
            assertThat(l.frames.get(0)).containsExactly(42);
        }
    }

    @Test
    void aTwoMebibyteFrameRoundTrips() {
        ArtemisTransport a = node("a");
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(big);

        a.send(NodeId.of("b"), big);

        await().atMost(PATIENCE).until(() -> b.frames.size() == 1);
        assertThat(b.frames.get(0)).isEqualTo(big);
    }

    @Test
    void aFrameOfTheLargestAllowedSizeRoundTrips() {
        ArtemisTransport a = node("a");
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();
        byte[] largest = new byte[ArtemisTransportConfig.DEFAULT_MAX_FRAME_BYTES];
        new Random(16).nextBytes(largest);

        a.send(NodeId.of("b"), largest);

        await().atMost(PATIENCE).until(() -> b.frames.size() == 1);
        assertThat(Arrays.equals(b.frames.get(0), largest)).isTrue();
    }

    @Test
    void aFrameForANodeThatIsNotConnectedIsConfirmedAndDropped() {
        ArtemisTransport a = node("a");
        awaitConnected();

        a.send(NodeId.of("late"), new byte[] {9});
        await().atMost(PATIENCE).until(() -> a.stats().confirmed() == 1);
        RecordingListener late = listenerOf(node("late"));
        awaitConnected();
        a.send(NodeId.of("late"), new byte[] {10});

        await().atMost(PATIENCE).until(() -> late.frames.size() == 1);
        assertThat(late.frames.get(0)).as("only what was sent once it listened").containsExactly(10);
    }

    /**
     * A node killed outright leaves its queue and consumer on the broker until the connection TTL. The node
     * restarted meanwhile must get every frame at once: a queue shared with that dead consumer would hand it a
     * share of them (found by the Payara restart-after-kill test).
     */
    @Test
    void aNodeRestartedWhileItsDeadPredecessorsConsumerLingersGetsEveryFrame() throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.url()
                + "?useGlobalWorkerPool=false&remotingThreads=1").setUseGlobalPools(false);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession zombie = session(factory, NodeId.of("b"))) {
            // the dead incarnation: its subscription and a consumer that never takes anything
            zombie.createQueue(QueueConfiguration.of("understudy.it.node.b.1").setAddress("understudy.it.node.b")
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
            zombie.createConsumer("understudy.it.node.b.1");
            zombie.start();
            ArtemisTransport a = node("a");
            RecordingListener b = listenerOf(node("b"));
            awaitConnected();

            for (int i = 0; i < 20; i++) {
                a.send(NodeId.of("b"), new byte[] {(byte) i});
            }

            await().atMost(PATIENCE).until(() -> b.frames.size() == 20);
        }
    }

    @Test
    void startsWhileTheBrokerIsDownAndConnectsWhenItComesUp() {
        broker.stop();
        ArtemisTransport a = node("a");
        RecordingListener la = listenerOf(a);

        await().atMost(PATIENCE).until(() -> la.downs() == 1);
        assertThat(a.isConnected()).isFalse();
        assertThat(la.ups()).isZero();

        broker.start();
        await().atMost(PATIENCE).until(() -> la.ups() == 1);
        assertThat(a.isConnected()).isTrue();
        assertThat(la.connectivity).containsExactly("down", "up");

        RecordingListener b = listenerOf(node("b"));
        awaitConnected();
        a.send(NodeId.of("b"), new byte[] {1});
        await().atMost(PATIENCE).until(() -> b.frames.size() == 1);
    }

    @Test
    void survivesABrokerRestart() {
        ArtemisTransport a = node("a");
        ArtemisTransport b = node("b");
        RecordingListener la = listenerOf(a);
        RecordingListener lb = listenerOf(b);
        awaitConnected();

        broker.stop();
        await().atMost(PATIENCE).until(() -> !a.isConnected() && !b.isConnected());
        assertThat(la.connectivity).containsExactly("up", "down");

        broker.start();
        awaitConnected();
        assertThat(la.connectivity).containsExactly("up", "down", "up");
        assertThat(lb.connectivity).containsExactly("up", "down", "up");
        assertThat(a.stats().disconnections()).isEqualTo(1);

        // the queues are gone with the broker's memory; the transports must have re-created them
        a.send(NodeId.of("b"), new byte[] {7});
        b.broadcast(new byte[] {8});
        await().atMost(PATIENCE).until(() -> lb.frames.size() == 2 && la.frames.size() == 1);
        assertThat(lb.frames).anySatisfy(f -> assertThat(f).containsExactly(7));
        assertThat(la.frames.get(0)).containsExactly(8);
    }

    @Test
    void aSendWhileTheBrokerIsDownIsReportedUndeliverable() {
        ArtemisTransport a = node("a");
        RecordingListener la = listenerOf(a);
        awaitConnected();
        broker.stop();
        await().atMost(PATIENCE).until(() -> !a.isConnected());

        byte[] frame = {3, 1, 4};
        a.send(NodeId.of("b"), frame);
        a.broadcast(frame);

        await().atMost(PATIENCE).until(() -> la.undeliverable.size() == 2);
        assertThat(la.undeliverable.get(0).to()).isEqualTo(NodeId.of("b"));
        assertThat(la.undeliverable.get(0).frame()).isSameAs(frame);
        assertThat(la.undeliverable.get(1).to()).isNull();
        assertThat(la.undeliverable).allSatisfy(u -> assertThat(u.cause()).isNotNull());
    }

    @Test
    void everyFrameIsConfirmedOrReportedWhenTheBrokerStopsMidStream() {
        ArtemisTransport a = node("a");
        RecordingListener la = listenerOf(a);
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();

        for (int i = 0; i < 3000; i++) {
            a.send(NodeId.of("b"), ByteBuffer.allocate(1024).putInt(i).array());
        }
        broker.stop();

        // each frame exactly once: confirmed by the broker, or reported. (A reported frame may still have
        // arrived, its confirmation lost with the connection: the engine ignores duplicates. A confirmed one
        // may have died with this non-persistent broker: the engine's version checks heal that.)
        await().atMost(PATIENCE).until(() -> a.stats().queued() == 0 && a.stats().inFlight() == 0
                && a.stats().confirmed() + la.undeliverable.size() == 3000);
        assertThat(a.stats().undeliverable()).isEqualTo(la.undeliverable.size());
        assertThat(la.undeliverable).extracting(u -> ByteBuffer.wrap(u.frame()).getInt()).doesNotHaveDuplicates();
        assertThat(b.frames.size()).isLessThanOrEqualTo(3000);
    }

    @Test
    void aFailedMainConnectionIsNoPeerGoneHintAndTheVictimReconnects() throws Exception {
        ArtemisTransport a = node("a");
        ArtemisTransport b = node("b");
        RecordingListener la = listenerOf(a);
        RecordingListener lb = listenerOf(b);
        awaitConnected();

        // the main connection fails, the lifeline stands: b lives (a node queue's consumer of a killed node closes
        // only at the connection TTL, when a new incarnation may run: hints come from lifelines only)
        failConnectionOf(queueOf("b", false));

        await().atMost(PATIENCE).until(() -> lb.connectivity.equals(List.of("up", "down", "up")));
        a.send(NodeId.of("b"), new byte[] {5});
        await().atMost(PATIENCE).until(() -> lb.frames.size() == 1);
        assertThat(la.connectivity).containsExactly("up");
        assertThat(la.gone).as("no hint for a live node").isEmpty();
    }

    /**
     * The lifeline: an idle second connection that cannot re-attach, so the broker drops its consumer the moment
     * the connection dies (the main connection's sessions wait for re-attachment until the TTL). Its failure alone
     * is a peer-gone hint for the others; the node itself opens it again.
     */
    @Test
    void theLifelineConnectionDyingIsAPeerGoneHintAndComesBack() throws Exception {
        ArtemisTransport a = node("a");
        ArtemisTransport b = node("b");
        RecordingListener la = listenerOf(a);
        listenerOf(b);
        awaitConnected();
        String lifeline = queueOf("b", true);
        assertThat(broker.server().locateQueue(lifeline).getFilter().getFilterString().toString())
                .isEqualTo(Lifeline.MATCHES_NOTHING);

        failConnectionOf(lifeline);

        await().atMost(PATIENCE).until(() -> la.gone.contains(NodeId.of("b")));
        await().atMost(PATIENCE).until(() -> broker.server().bindingQuery(SimpleString.of("understudy.it.node.b"))
                .getQueueNames().size() == 2 && broker.server().locateQueue(queueOf("b", true)).getConsumerCount() == 1);
        // it receives no frame: the node's frames go to its node queue only
        a.send(NodeId.of("b"), new byte[] {7});
        await().atMost(PATIENCE).until(() -> a.stats().confirmed() >= 1);
        assertThat(broker.server().locateQueue(queueOf("b", true)).getMessagesAdded()).isZero();
    }

    /** The temporary queue of node {@code node}'s address: its lifeline or its node queue. */
    private String queueOf(String node, boolean lifeline) throws Exception {
        return broker.server().bindingQuery(SimpleString.of("understudy.it.node." + node)).getQueueNames().stream()
                .filter(q -> q.toString().endsWith(Addresses.LIFELINE_SUFFIX) == lifeline)
                .findFirst().orElseThrow().toString();
    }

    private void failConnectionOf(String queue) {
        ServerConsumer consumer = (ServerConsumer) broker.server().locateQueue(queue).getConsumers().iterator().next();
        Object connectionId = consumer.getConnectionID();
        broker.server().getRemotingService().getConnection(connectionId)
                .fail(new ActiveMQException("killed by the test"));
    }

    @Test
    void aRestartedNodeDoesNotWaitForTheMembershipQueueOfItsDeadPredecessor() throws Exception {
        // its own threads and Netty loop, which end with the locator (JVM-wide ones would outlive this test)
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.url()
                + "?useGlobalWorkerPool=false&remotingThreads=1").setUseGlobalPools(false);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession zombie = session(factory, NodeId.of("a"))) {
            // what a killed predecessor leaves until the broker's connection TTL runs out
            zombie.createQueue(QueueConfiguration.of("understudy.it.members.a.1").setAddress("understudy.it.members")
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
            ArtemisTransport a = node("a");
            awaitConnected();
            assertThat(listenerOf(a).downs()).isZero();
        }
    }

    @Test
    void everyFrameIsConfirmedOrReportedWhenTheQueueOverflows() {
        ArtemisTransport a = node("a", config().sendQueueCapacity(4).build());
        RecordingListener la = listenerOf(a);
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();

        for (int i = 0; i < 2000; i++) {
            a.send(NodeId.of("b"), new byte[1024]);
        }

        await().atMost(PATIENCE).until(() -> a.stats().confirmed() + la.undeliverable.size() == 2000);
        await().atMost(PATIENCE).until(() -> b.frames.size() == a.stats().confirmed());
        assertThat(a.stats().undeliverable()).isEqualTo(la.undeliverable.size());
        assertThat(la.undeliverable).allSatisfy(u -> assertThat(u.cause()).isInstanceOf(FrameNotSentException.class));
    }

    @Test
    void aTooLargeFrameIsReportedUndeliverable() {
        ArtemisTransport a = node("a", config().maxFrameBytes(1000).build());
        RecordingListener la = listenerOf(a);
        awaitConnected();

        a.send(NodeId.of("b"), new byte[1001]);

        await().atMost(PATIENCE).until(() -> la.undeliverable.size() == 1);
        assertThat(la.undeliverable.get(0).cause()).hasMessageContaining("US-T205");
    }

    @Test
    void reportsAPeerWhoseConsumerIsGone() {
        ArtemisTransport a = node("a");
        ArtemisTransport b = node("b");
        RecordingListener la = listenerOf(a);
        awaitConnected();

        b.close();

        await().atMost(PATIENCE).until(() -> la.gone.contains(NodeId.of("b")));
        assertThat(la.gone).containsOnly(NodeId.of("b"));
        assertThat(listenerOf(b).gone).isEmpty();
    }

    @Test
    void closeReleasesEveryThreadAndIsIdempotent() {
        // transports closed by earlier tests may still have a Netty loop ending its quiet period
        await().atMost(PATIENCE).until(() -> transportThreads().isEmpty());
        ArtemisTransport a = node("a");
        RecordingListener b = listenerOf(node("b"));
        awaitConnected();
        a.send(NodeId.of("b"), new byte[] {1});
        await().atMost(PATIENCE).until(() -> b.frames.size() == 1);
        assertThat(transportThreads())
                .anyMatch(name -> name.startsWith("understudy-artemis-a-sender-"))
                .anyMatch(name -> name.contains("EventLoopGroup-"))
                .noneMatch(name -> name.contains("activemq-client")); // no JVM-wide client pool

        transports.forEach(ArtemisTransport::close);
        transports.forEach(ArtemisTransport::close);
        listeners.forEach(l -> l.closed = true);

        // the transport's own threads are gone when close() returns; Netty's loop within its quiet period
        assertThat(transportThreads()).allMatch(name -> name.contains("EventLoopGroup-"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(transportThreads()).isEmpty());
        a.send(NodeId.of("b"), new byte[] {2}); // after close: logged and counted, no callback
        assertThat(a.stats().discarded()).isEqualTo(1);
        assertThat(a.isConnected()).isFalse();
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    private ArtemisTransportConfig.Builder config() {
        return ArtemisTransportConfig.builder()
                .brokerUrl(broker.url())
                .clusterName("it")
                .retryInterval(Duration.ofMillis(100))
                .callTimeout(Duration.ofSeconds(5));
    }

    private ArtemisTransport node(String id) {
        return node(id, config().build());
    }

    private ArtemisTransport node(String id, ArtemisTransportConfig config) {
        NodeId node = NodeId.of(id);
        ArtemisTransport transport = new ArtemisTransport(config.toBuilder()
                .credentials(users.user(node), users.password(node)).build());
        RecordingListener listener = new RecordingListener();
        transports.add(transport);
        listeners.add(listener);
        transport.start(node, listener);
        return transport;
    }

    /** A raw session logged in as {@code node}, as its dead predecessor was. */
    private ClientSession session(ClientSessionFactory factory, NodeId node) throws ActiveMQException {
        return factory.createSession(users.user(node), users.password(node), false, true, true, false, 0);
    }

    private RecordingListener listenerOf(ArtemisTransport transport) {
        return listeners.get(transports.indexOf(transport));
    }

    private void awaitConnected() {
        await().atMost(PATIENCE).until(() -> transports.stream().allMatch(ArtemisTransport::isConnected));
    }

    private static Set<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && TRANSPORT_THREAD.matcher(t.getName()).matches())
                .map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
