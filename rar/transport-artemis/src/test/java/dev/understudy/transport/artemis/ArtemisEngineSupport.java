package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.util.concurrent.atomic.AtomicInteger;

/** Engines over a real embedded Artemis broker, one per test class, each test with its own cluster name. */
final class ArtemisEngineSupport {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private ArtemisEngineSupport() {
    }

    static String newClusterName() {
        return "it-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
    }

    static Transport transport(EmbeddedBroker broker, String cluster) {
        return new ArtemisTransport(ArtemisTransportConfig.builder().brokerUrl(broker.url()).clusterName(cluster)
                .build());
    }
}
