package dev.understudy.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * The channel's limit: one producer, one consumer, messages of the same size as the engine's deltas, sent the
 * way the transport sends (non-durable, non-blocking, confirmed by the broker). Time from the first send until
 * the consumer has received the last message.
 */
public final class RawSends {
    private static final int CONFIRMATION_WINDOW = 1 << 20;
    private final String user;
    private final String password;
    private int run;

    /** Sends without a login (an unsecured broker). */
    public RawSends() {
        this(null, null);
    }

    /** Sends as {@code user} (a secured broker: a login allowed to create and use {@code bench.raw.*} queues). */
    public RawSends(String user, String password) {
        this.user = user;
        this.password = password;
    }

    private ClientSession session(ClientSessionFactory factory, ServerLocator locator) throws Exception {
        return factory.createSession(user, password, false, true, true, locator.isPreAcknowledge(),
                locator.getAckBatchSize());
    }

    public Result run(String url, int messages, int size) throws Exception {
        SimpleString queue = SimpleString.of("bench.raw." + (run++));
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url).setBlockOnNonDurableSend(false)
                .setConfirmationWindowSize(CONFIRMATION_WINDOW);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession consumerSession = session(factory, locator);
                ClientSession producerSession = session(factory, locator)) {
            consumerSession.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false).setAutoDelete(false));
            CountDownLatch received = new CountDownLatch(messages);
            CountDownLatch confirmed = new CountDownLatch(messages);
            var consumer = consumerSession.createConsumer(queue);
            consumer.setMessageHandler(m -> {
                m.getBodyBuffer().readBytes(new byte[m.getBodyBuffer().readableBytes()]);
                try {
                    m.acknowledge();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                received.countDown();
            });
            consumerSession.start();
            producerSession.setSendAcknowledgementHandler(m -> confirmed.countDown());
            ClientProducer producer = producerSession.createProducer();
            byte[] body = new byte[size];
            Measure measure = Measure.start();
            for (int i = 0; i < messages; i++) {
                ClientMessage m = producerSession.createMessage(false);
                m.getBodyBuffer().writeBytes(body);
                producer.send(queue, m);
            }
            if (!received.await(5, TimeUnit.MINUTES) || !confirmed.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("raw sends did not complete");
            }
            Result r = measure.stop("raw Artemis sends", messages, messages);
            consumer.close();
            consumerSession.deleteQueue(queue);
            return r;
        }
    }
}
