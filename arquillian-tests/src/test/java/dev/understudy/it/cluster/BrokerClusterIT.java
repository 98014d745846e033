package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.BrokerCluster;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.it.shop.ShopCluster;
import dev.understudy.it.shop.ShopReply;
import dev.understudy.it.shop.ShopSession;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 (d): a symmetric cluster of two active brokers ({@code server-configs/artemis/broker-cluster.xml}, ON_DEMAND
 * load balancing), node-1 attached to the first, node-2 to the second, in SYNC mode. Each node's sessions are backed
 * by the other, their changes acknowledged across the brokers; after {@code kill -9} of node-1 its sessions continue
 * on node-2 at exactly + 1.
 */
class BrokerClusterIT {
    private static final int SESSIONS = 20;
    private static final String COUNTER = ShopSession.Kind.COUNTER.path();

    @RegisterExtension
    static final ClusterFixture fixture = new ClusterFixture();

    @Test
    void nodesOnDifferentBrokersReplicateToEachOther() throws Exception {
        String clusterName = UnderstudyNodes.uniqueClusterName("broker-cluster");
        String secret = RouteCookie.randomSecret();
        long start = System.nanoTime();
        BrokerCluster brokers = BrokerCluster.start(ItSettings.workspace(), ItSettings.testClasspath(), 2,
                BrokerCredentials.generate(clusterName, List.of("node-1", "node-2")));
        brokers.members().forEach(fixture::own);
        Timings.record("broker-cluster: two brokers bridged", Duration.ofNanos(System.nanoTime() - start));
        PayaraMicroNode one = startNode("node-1", brokers.member(0), clusterName, secret);
        PayaraMicroNode two = startNode("node-2", brokers.member(1), clusterName, secret);
        awaitSecondary(one, "node-2");
        awaitSecondary(two, "node-1");

        List<SessionClient> onOne = createAcknowledged(one, "node-1", "node-2");
        List<SessionClient> onTwo = createAcknowledged(two, "node-2", "node-1");

        one.kill9();
        for (SessionClient client : onOne) {
            ShopReply reply = post(client, two);
            assertThat(reply.served()).as("%s", reply).isTrue();
            assertThat(reply.node()).isEqualTo("node-2");
            assertThat(reply.count()).as("exactly + 1 after kill -9 of node-1: %s", reply).isEqualTo(4);
        }
        for (SessionClient client : onTwo) {
            ShopReply reply = post(client, two);
            assertThat(reply.count()).as("%s", reply).isEqualTo(4);
        }
    }

    private static PayaraMicroNode startNode(String id, BrokerProcess broker, String clusterName, String secret) {
        UnderstudyNodes understudy = new UnderstudyNodes(ItSettings.resourceAdapterArchive(),
                UnderstudyNodes.readPostBootCommands(ItSettings.shippedPostBootCommands()), broker.url(), clusterName,
                secret, ShopCluster.ALLOW_LIST, broker.credentials());
        PayaraMicroNode node = fixture.node(understudy.node(ItProcesses.node(id).heapMegabytes(384)
                .systemProperty("understudy.mode", "SYNC"), ItSettings.sampleWar(), ShopCluster.HEALTH));
        Timings.record("broker-cluster: " + id + " ready on broker " + broker.port(), node.bootTime());
        return node;
    }

    /** {@value #SESSIONS} sessions created on {@code node}, each at count 3, backed and acknowledged by {@code by}. */
    private static List<SessionClient> createAcknowledged(PayaraMicroNode node, String self, String by)
            throws Exception {
        List<SessionClient> clients = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            SessionClient client = new SessionClient();
            for (int count = 1; count <= 3; count++) {
                ShopReply reply = post(client, node);
                assertThat(reply.served()).as("%s", reply).isTrue();
                assertThat(reply.count()).isEqualTo(count);
                assertThat(reply.node()).isEqualTo(self);
                assertThat(reply.secondary()).as("backed across the brokers: %s", reply).isEqualTo(by);
                if (count > 1) { // the creating request's reply is written before its first commit (protection null)
                    assertThat(reply.protection()).as("SYNC: acknowledged by %s: %s", by, reply)
                            .isEqualTo("ACKNOWLEDGED");
                }
            }
            clients.add(client);
        }
        return clients;
    }

    private static ShopReply post(SessionClient client, PayaraMicroNode node) throws IOException, InterruptedException {
        SessionClient.Reply reply = client.post(node.url(COUNTER));
        return ShopReply.parse(reply.status(), reply.body());
    }

    /** Waits until a new session on {@code node} is backed by {@code secondary}: they see each other across brokers. */
    private static void awaitSecondary(PayaraMicroNode node, String secondary) {
        URI url = node.url(COUNTER);
        await(node.name() + " pairs with " + secondary + " across the brokers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    SessionClient.Reply reply = new SessionClient().post(url);
                    ShopReply parsed = ShopReply.parse(reply.status(), reply.body());
                    return parsed.served() && secondary.equals(parsed.secondary());
                });
    }
}
