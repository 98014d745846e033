package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.MessageHandler;
import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.SessionFailureListener;

/**
 * One physical broker connection with everything on it: a consumer session (this node's queue, its
 * membership subscription, optionally the broker-notification watch) and a producer session used only by
 * the sender thread — plus the idle {@link Lifeline} connection that lets peers hear of this node's death at once. It survives broker restarts through the client's own reconnection, which re-creates
 * sessions, consumers and the non-durable and temporary queues; {@link Events} tells the transport when that
 * starts and ends, so that it can report the outage and check the result.
 *
 * <p>Every send carries a confirmation request (the session has a confirmation window and a
 * {@link SendAcknowledgementHandler}): until the broker confirms a frame, it is kept here, and if the
 * connection fails first it is handed back by {@link #drainUnconfirmed()} so that it can be reported
 * undeliverable. Without this, frames written to a socket whose broker just died vanish with no error.
 *
 * <p>A frame is taken in only while the link is neither failing nor retired, under the same lock as the
 * drain: the client reports a failure ({@code beforeReconnect}) before it holds sends back for the
 * reconnection, so a send in between is written to the dead connection without error, and had it been taken
 * in after the failure's drain, nothing would ever hand it back.
 */
final class BrokerLink {

    /** The broker's default management notification address. */
    static final SimpleString NOTIFICATIONS = SimpleString.of("activemq.notifications");

    /** How the link talks back to the transport. Called on client threads; must not block. */
    interface Events {
        void confirmed(Outbox.Item item);

        void rejected(Outbox.Item item, Exception cause);

        /** The connection failed; the client now reconnects. */
        void lost(BrokerLink link, ActiveMQException cause);

        /** The client reconnected and re-created the sessions. */
        void restored(BrokerLink link);

        /** The client gave up reconnecting; the link is useless. */
        void dead(BrokerLink link, ActiveMQException cause);
    }

    /** The node queue of a previous connection is in the way (temporary queues die with the connection TTL). */
    static final class StaleQueueException extends Exception {
        StaleQueueException(SimpleString queue, Throwable cause) {
            super(queue.toString(), cause);
        }
    }

    /** The broker refused the login: no, or a wrong, user or password ({@code US-T500}). */
    static final class LoginRefusedException extends Exception {
        LoginRefusedException(ActiveMQSecurityException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final ClientSessionFactory factory;
    private final Addresses addresses;
    private final NodeId self;
    private final Events events;
    /** This connection's membership subscription: unique, so a restarted node never waits for a dead one's. */
    private final SimpleString membersQueue;
    /** This connection's subscription to its node address: unique, so a dead predecessor's consumer takes nothing. */
    private final SimpleString nodeQueue;
    private final ArrayDeque<Unconfirmed> unconfirmed = new ArrayDeque<>();
    private ClientSession consumerSession;
    private ClientSession producerSession;
    /** Tells peers at once when this process dies ({@link Lifeline}); null if it could not be opened. */
    private Lifeline lifeline;
    private ClientProducer producer;
    /** Written under {@code unconfirmed}, so that {@link #send} and the failure's drain see one order. */
    private volatile boolean failing;
    private boolean retired; // guarded by unconfirmed

    private record Unconfirmed(Message message, Outbox.Item item) {
    }

    private BrokerLink(ClientSessionFactory factory, Addresses addresses, NodeId self, Events events) {
        long incarnation = ThreadLocalRandom.current().nextLong() >>> 1;
        this.membersQueue = addresses.membersQueue(self, incarnation);
        this.nodeQueue = addresses.nodeQueue(self, incarnation);
        this.factory = factory;
        this.addresses = addresses;
        this.self = self;
        this.events = events;
    }

    /**
     * Connects and sets everything up, or throws (and leaves nothing open). A broker that cannot be reached
     * fails in {@code createSessionFactory} with {@code ActiveMQNotConnectedException}.
     *
     * @param watchProblems receives the reason when the notification watch cannot be set up (best effort)
     */
    static BrokerLink open(ServerLocator locator, TransportThreads threads, ArtemisTransportConfig config,
            Addresses addresses, NodeId self, Events events, MessageHandler frames, MessageHandler notices,
            Consumer<Exception> watchProblems) throws Exception {
        BrokerLink link = new BrokerLink(locator.createSessionFactory(), addresses, self, events);
        try {
            link.setUp(config, frames, notices, watchProblems);
            try {
                link.lifeline = Lifeline.open(config, threads, addresses, self);
            } catch (Exception e) {
                TransportLog.T404.log(ArtemisTransport.LOG, self, e.toString());
            }
            return link;
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
    }

    private void setUp(ArtemisTransportConfig config, MessageHandler frames, MessageHandler notices,
            Consumer<Exception> watchProblems) throws ActiveMQException, StaleQueueException, LoginRefusedException {
        try {
            consumerSession = createSession(config);
        } catch (ActiveMQSecurityException e) {
            throw new LoginRefusedException(e);
        }
        consumerSession.addFailureListener(new FailureWatch());
        producerSession = createSession(config);
        producerSession.setSendAcknowledgementHandler(new Confirmations());
        producer = producerSession.createProducer();

        try {
            consumerSession.createQueue(QueueConfiguration.of(nodeQueue).setAddress(addresses.nodeAddress(self))
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
        } catch (ActiveMQQueueExistsException e) {
            throw new StaleQueueException(nodeQueue, e);
        }
        try {
            consumerSession.createQueue(QueueConfiguration.of(membersQueue).setAddress(addresses.members())
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true));
        } catch (ActiveMQQueueExistsException e) {
            throw new StaleQueueException(membersQueue, e);
        }
        consumerSession.createConsumer(nodeQueue).setMessageHandler(frames);
        consumerSession.createConsumer(membersQueue).setMessageHandler(frames);
        watch(notices, watchProblems);
        consumerSession.start();
    }

    private ClientSession createSession(ArtemisTransportConfig config) throws ActiveMQException {
        // autoCommitSends, autoCommitAcks, no pre-acknowledge, acks sent in batches of the default size
        return factory.createSession(config.user(), config.password(), false, true, true, false,
                factory.getServerLocator().getAckBatchSize());
    }

    /** Subscribes to CONSUMER_CLOSED notifications for this cluster's node queues, if the broker allows it. */
    private void watch(MessageHandler notices, Consumer<Exception> watchProblems) {
        SimpleString queue = addresses.watchQueue(self, ThreadLocalRandom.current().nextLong() >>> 1);
        try {
            consumerSession.createQueue(QueueConfiguration.of(queue).setAddress(NOTIFICATIONS)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false).setTemporary(true)
                    .setFilterString(addresses.peerGoneFilter()));
            consumerSession.createConsumer(queue).setMessageHandler(notices);
        } catch (ActiveMQException e) {
            watchProblems.accept(e);
        }
    }

    /** True between a connection failure and the end of the client's reconnection. */
    boolean failing() {
        return failing;
    }

    /**
     * On the sender thread only. Throws if the frame did not reach the broker and nobody has reported it yet
     * (refused outright while the connection is failing or the link retired: the failure's drain is past);
     * returns quietly if the connection failure already handed it to {@link #drainUnconfirmed()}.
     */
    void send(Outbox.Item item) throws ActiveMQException, FrameNotSentException {
        ClientMessage message = producerSession.createMessage(false);
        // MULTICAST to the node's address: every live subscription of that node gets the frame (one, unless a
        // dead incarnation's lingers until its connection TTL). A frame for a node with no subscription (not
        // connected yet) is dropped; the engine heals what it missed (resync).
        message.setRoutingType(RoutingType.MULTICAST);
        message.getBodyBuffer().writeBytes(item.frame());
        SimpleString address = item.to() == null ? addresses.members() : addresses.nodeAddress(item.to());
        Unconfirmed entry = new Unconfirmed(message, item);
        synchronized (unconfirmed) {
            if (failing || retired) {
                throw new FrameNotSentException("US-T202 no broker connection");
            }
            unconfirmed.addLast(entry);
        }
        try {
            producer.send(address, message);
        } catch (ActiveMQException | RuntimeException e) {
            boolean ours;
            synchronized (unconfirmed) {
                ours = unconfirmed.removeLastOccurrence(entry);
            }
            if (ours) {
                throw e;
            }
        }
    }

    /** Takes every frame sent but not yet confirmed, oldest first. */
    List<Outbox.Item> drainUnconfirmed() {
        synchronized (unconfirmed) {
            List<Outbox.Item> items = new ArrayList<>(unconfirmed.size());
            unconfirmed.forEach(u -> items.add(u.item()));
            unconfirmed.clear();
            return items;
        }
    }

    /** Like {@link #drainUnconfirmed()}, for a link being dropped: from now on {@link #send} refuses. */
    List<Outbox.Item> retire() {
        synchronized (unconfirmed) {
            retired = true;
            return drainUnconfirmed();
        }
    }

    int unconfirmedCount() {
        synchronized (unconfirmed) {
            return unconfirmed.size();
        }
    }

    /**
     * After a reconnection: true if this node's queue and membership subscription exist again with a consumer
     * each. Asks on the consumer session, whose channel carries the client's re-creation requests (sent
     * without waiting for answers) before this query, so the answer reflects them.
     */
    boolean verify() throws ActiveMQException {
        ClientSession.QueueQuery node = consumerSession.queueQuery(nodeQueue);
        ClientSession.QueueQuery members = consumerSession.queueQuery(membersQueue);
        return node.isExists() && node.getConsumerCount() > 0 && members.isExists() && members.getConsumerCount() > 0;
    }

    /**
     * Closes sessions, consumers and the connection (the broker deletes the temporary queues). Stops a
     * reconnection in progress first, so it does not wait for a broker that is down. Never throws.
     */
    void close() {
        try {
            factory.close();
        } catch (RuntimeException e) {
            // the connection is going anyway
        }
        if (lifeline != null) {
            lifeline.close();
        }
    }

    private Outbox.Item take(Message message) {
        synchronized (unconfirmed) {
            Iterator<Unconfirmed> it = unconfirmed.iterator();
            while (it.hasNext()) {
                Unconfirmed u = it.next();
                if (u.message() == message) {
                    it.remove();
                    return u.item();
                }
            }
        }
        return null; // already drained after a failure, or confirmed twice
    }

    private final class Confirmations implements SendAcknowledgementHandler {
        @Override
        public void sendAcknowledged(Message message) {
            Outbox.Item item = take(message);
            if (item != null) {
                events.confirmed(item);
            }
        }

        @Override
        public void sendFailed(Message message, Exception cause) {
            Outbox.Item item = take(message);
            if (item != null) {
                events.rejected(item, cause);
            }
        }
    }

    private final class FailureWatch implements SessionFailureListener {
        @Override
        public void beforeReconnect(ActiveMQException cause) {
            synchronized (unconfirmed) {
                failing = true; // before lost() drains: a send after the drain is refused, not kept unseen
            }
            events.lost(BrokerLink.this, cause);
        }

        @Override
        public void connectionFailed(ActiveMQException cause, boolean reconnected) {
            synchronized (unconfirmed) {
                failing = !reconnected;
            }
            if (reconnected) {
                events.restored(BrokerLink.this);
            } else {
                events.dead(BrokerLink.this, cause);
            }
        }

        @Override
        public void connectionFailed(ActiveMQException cause, boolean reconnected, String scaleDownTargetNodeID) {
            connectionFailed(cause, reconnected);
        }
    }
}
