package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.it.support.Timings;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker as a process of its own ({@link BrokerLauncher}): a core client connects, it listens on loopback
 * only, {@code kill -9} removes it, and a new one serves on the same port.
 */
class BrokerProcessSmokeIT {
    @RegisterExtension
    static final ClusterFixture cluster = new ClusterFixture();

    @Test
    void aBrokerProcessServesDiesAndComesBackOnTheSamePort() throws Exception {
        int port = FreePorts.next();
        long start = System.nanoTime();
        BrokerProcess broker = cluster.broker(port);
        Timings.record("broker process ready", Duration.ofNanos(System.nanoTime() - start));

        assertConnects(broker);
        assertThat(ListeningSockets.of(broker.pid()))
                .isNotEmpty()
                .allSatisfy(socket -> assertThat(socket.isLoopback()).as("%s is loopback", socket).isTrue());

        long pid = broker.pid();
        broker.kill9();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isEmpty();
        assertThat(FreePorts.isFree(port)).as("port %d free after kill -9", port).isTrue();

        BrokerProcess again = cluster.broker(port);
        assertThat(again.pid()).isNotEqualTo(pid);
        assertConnects(again);
    }

    private static void assertConnects(BrokerProcess broker) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.url());
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession()) {
            assertThat(session.isClosed()).isFalse();
        }
    }
}
