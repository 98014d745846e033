package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.RandomizedFailoverTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The randomized failover model over a real broker: 200 sessions, three engines, four client threads, abrupt
 * deaths (broker connections closed with no leave message) while requests are in flight, and restarts, SYNC.
 * Prints the counts it saw.
 */
class ArtemisRandomizedFailoverIT extends RandomizedFailoverTests {
    @RegisterExtension
    final ArtemisEngineSupport artemis = new ArtemisEngineSupport();

    @Override
    protected Transport newTransport() {
        return artemis.transport();
    }
}
