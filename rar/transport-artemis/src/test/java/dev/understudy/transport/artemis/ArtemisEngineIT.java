package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineBehaviourTests;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Every engine behaviour (one test each), three engines in this JVM over a real Artemis 2.56 broker. */
class ArtemisEngineIT extends EngineBehaviourTests {
    private static EmbeddedBroker broker;
    private String cluster;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = ArtemisEngineSupport.newClusterName();
    }

    @Override
    protected Transport newTransport() {
        return ArtemisEngineSupport.transport(broker, cluster);
    }
}
