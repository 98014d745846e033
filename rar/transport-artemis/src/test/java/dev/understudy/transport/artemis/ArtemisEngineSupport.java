package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded broker for engine tests, and Artemis transports on it with a cluster name of their own per
 * test. Registered on a static field, one broker serves the whole class; on an instance field, every test
 * gets a fresh broker.
 */
final class ArtemisEngineSupport implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private EmbeddedBroker broker;
    private boolean perTest;
    private String cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedBroker.create().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (broker == null) {
            perTest = true;
            broker = EmbeddedBroker.create().start();
        }
        cluster = "it-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    EmbeddedBroker broker() {
        return broker;
    }

    /** A fresh, unstarted transport on this test's cluster. */
    Transport transport() {
        return new ArtemisTransport(ArtemisTransportConfig.builder().brokerUrl(broker.url()).clusterName(cluster)
                .build());
    }
}
