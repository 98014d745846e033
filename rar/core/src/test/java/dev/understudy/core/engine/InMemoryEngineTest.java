package dev.understudy.core.engine;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineBehaviourTests;
import dev.understudy.core.testing.InMemoryBroker;

/** The engine behaviours over the in-memory transport. */
class InMemoryEngineTest extends EngineBehaviourTests {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }
}
