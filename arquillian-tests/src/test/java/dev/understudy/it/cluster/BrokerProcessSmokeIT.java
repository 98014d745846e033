package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.it.support.Timings;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker as a process of its own ({@link BrokerLauncher}), secured as shipped: a core client with a node's login
 * connects (one without a login, or with a wrong password, is refused), it listens on loopback only,
 * {@code kill -9} removes it, and a new one with the same users serves on the same port.
 */
class BrokerProcessSmokeIT {
    @RegisterExtension
    static final ClusterFixture cluster = new ClusterFixture();

    @Test
    void aBrokerProcessServesDiesAndComesBackOnTheSamePort() throws Exception {
        int port = FreePorts.next();
        long start = System.nanoTime();
        BrokerProcess broker = cluster.broker(port, BrokerCredentials.generate("smoke", List.of("node-s")));
        Timings.record("broker process ready", Duration.ofNanos(System.nanoTime() - start));

        assertConnects(broker);
        assertRefused(broker, null, null);
        assertRefused(broker, "node-node-s", "wrong");
        assertThat(ListeningSockets.of(broker.pid()))
                .isNotEmpty()
                .allSatisfy(socket -> assertThat(socket.isLoopback()).as("%s is loopback", socket).isTrue());

        long pid = broker.pid();
        broker.kill9();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isEmpty();
        assertThat(FreePorts.isFree(port)).as("port %d free after kill -9", port).isTrue();

        BrokerProcess again = cluster.broker(port, broker.credentials());
        assertThat(again.pid()).isNotEqualTo(pid);
        assertConnects(again);
    }

    private static void assertConnects(BrokerProcess broker) throws Exception {
        BrokerCredentials.Login login = broker.credentials().node("node-s");
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.url());
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(login.user(), login.password(), false, true, true,
                        false, 0)) {
            assertThat(session.isClosed()).isFalse();
        }
    }

    private static void assertRefused(BrokerProcess broker, String user, String password) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.url());
                ClientSessionFactory factory = locator.createSessionFactory()) {
            assertThatThrownBy(() -> factory.createSession(user, password, false, true, true, false, 0).close())
                    .isInstanceOf(ActiveMQSecurityException.class);
        }
    }
}
