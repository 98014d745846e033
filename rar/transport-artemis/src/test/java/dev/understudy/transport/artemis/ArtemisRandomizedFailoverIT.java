package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.RandomizedFailoverTests;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The randomized failover model over a real broker: 200 sessions, three engines, abrupt deaths (broker
 * connections closed with no leave message) and restarts, SYNC. Prints the counts it saw.
 */
class ArtemisRandomizedFailoverIT extends RandomizedFailoverTests {
    private EmbeddedBroker broker;
    private String cluster;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.create().start();
        cluster = ArtemisEngineSupport.newClusterName();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Override
    protected Transport newTransport() {
        return ArtemisEngineSupport.transport(broker, cluster);
    }
}
