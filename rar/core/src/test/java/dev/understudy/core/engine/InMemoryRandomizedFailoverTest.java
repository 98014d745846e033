package dev.understudy.core.engine;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.InMemoryBroker;
import dev.understudy.core.testing.RandomizedFailoverTests;

/** The randomized failover model over the in-memory transport (the Artemis run is in the transport module). */
class InMemoryRandomizedFailoverTest extends RandomizedFailoverTests {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }
}
