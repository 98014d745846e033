package dev.understudy.transport.artemis;

import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineBehaviourTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every engine behaviour (one test each), engines in this JVM over a real Artemis 2.56 broker. */
class ArtemisEngineIT extends EngineBehaviourTests {
    @RegisterExtension
    static final ArtemisEngineSupport ARTEMIS = new ArtemisEngineSupport();

    @Override
    protected Transport newTransport() {
        return ARTEMIS.transport();
    }
}
