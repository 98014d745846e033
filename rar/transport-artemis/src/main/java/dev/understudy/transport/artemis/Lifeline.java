package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * A second, idle broker connection whose only purpose is to vanish at once when this node's process dies: one
 * consumer on a temporary subscription of the node's own address that matches no message, on a session
 * <b>without</b> a confirmation window. The main connection confirms every send, so the broker keeps its
 * sessions for re-attachment until the connection TTL after a {@code kill -9}, and peers would hear of the death
 * from the broker only then. A session that cannot re-attach is closed as soon as its TCP connection drops: the
 * broker publishes {@code CONSUMER_CLOSED} for this queue within milliseconds, peers' notification watches (which
 * listen to lifelines only) turn it into a peer-gone hint, and takeovers stop waiting for this node.
 *
 * <p>After a broker restart the client reconnects and re-creates the session, the queue and the consumer, like
 * the main connection's. Frames never flow here.
 */
final class Lifeline {
    /** Matches no frame: the property is never set, and a missing property compares as unknown. */
    static final String MATCHES_NOTHING = "understudyLifeline IS NOT NULL";

    private final ServerLocator locator;
    private final ClientSessionFactory factory;

    private Lifeline(ServerLocator locator, ClientSessionFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    /** Connects and subscribes, or throws (and leaves nothing open). */
    static Lifeline open(ArtemisTransportConfig config, TransportThreads threads, Addresses addresses, NodeId self)
            throws Exception {
        ServerLocator locator = ClientLocators.create(config, threads, -1);
        ClientSessionFactory factory = null;
        try {
            factory = locator.createSessionFactory();
            ClientSession session = factory.createSession(config.user(), config.password(), false, true, true, false,
                    locator.getAckBatchSize());
            SimpleString queue = addresses.lifelineQueue(self, ThreadLocalRandom.current().nextLong() >>> 1);
            session.createQueue(QueueConfiguration.of(queue).setAddress(addresses.nodeAddress(self))
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true)
                    .setFilterString(MATCHES_NOTHING));
            session.createConsumer(queue);
            return new Lifeline(locator, factory);
        } catch (Exception | Error e) {
            close(factory, locator);
            throw e;
        }
    }

    /** Closes the connection (the broker deletes the queue; peers hear that this node's consumer closed). */
    void close() {
        close(factory, locator);
    }

    private static void close(ClientSessionFactory factory, ServerLocator locator) {
        try {
            if (factory != null) {
                factory.close();
            }
        } catch (RuntimeException e) {
            // going anyway
        } finally {
            locator.close();
        }
    }
}
