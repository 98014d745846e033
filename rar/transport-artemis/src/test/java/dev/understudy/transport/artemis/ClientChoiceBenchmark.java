package dev.understudy.transport.artemis;

import com.sun.management.OperatingSystemMXBean;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Core client or Jakarta Messaging client for the transport? One producer and one consumer on one connection,
 * 1 KiB non-durable messages, non-blocking sends, acknowledgements in batches (core: default
 * {@code ackBatchSize}; JMS: {@code DUPS_OK_ACKNOWLEDGE}), against the same embedded broker in the same JVM. Each
 * client runs in two modes: <em>confirmed</em> (the broker confirms every message: a
 * {@code SendAcknowledgementHandler}, or a JMS {@code CompletionListener}, with a confirmation window; what
 * the transport uses) and <em>fire-and-forget</em> (no confirmation). A warm-up, then {@value #ROUNDS}
 * alternating rounds of {@value #MESSAGES} messages each; a round ends when every message is received and, if
 * confirmed, confirmed. Prints msg/s per round, the median, the core/JMS ratio, and the process CPU time
 * per message (client and broker together: they share the JVM).
 *
 * <p>Not a test: run it on demand, from the repository root:
 *
 * <pre>
 * mvn -q -pl rar/transport-artemis -am install -DskipTests
 * mvn -q -pl rar/transport-artemis test-compile exec:exec
 * </pre>
 *
 * (the module's exec configuration forks {@code java -Xmx512m -XX:+UseSerialGC} with the test class path).
 */
public final class ClientChoiceBenchmark {
    static final int MESSAGES = 50_000;
    static final int WARM_UP = 20_000;
    static final int ROUNDS = 3;
    static final int SIZE = 1024;
    private static final int CONFIRMATION_WINDOW = 1024 * 1024;

    private record Result(double perSecond, double cpuMicrosPerMessage) {
    }

    private interface Variant {
        String name();

        Result run(int messages) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            List<Variant> variants = List.of(
                    core(broker.url(), true), jms(broker.url(), true),
                    core(broker.url(), false), jms(broker.url(), false));
            for (Variant v : variants) {
                v.run(WARM_UP);
            }
            List<List<Result>> results = new ArrayList<>();
            variants.forEach(v -> results.add(new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    // alternate the order, so neither client always runs on a warmer or cooler machine
                    int index = round % 2 == 0 ? i : variants.size() - 1 - i;
                    Result r = variants.get(index).run(MESSAGES);
                    results.get(index).add(r);
                    System.out.printf(Locale.ROOT, "round %d  %-26s %9.0f msg/s  %6.1f us CPU/msg%n", round + 1,
                            variants.get(index).name(), r.perSecond(), r.cpuMicrosPerMessage());
                }
            }
            System.out.println();
            double[] medians = new double[variants.size()];
            for (int i = 0; i < variants.size(); i++) {
                medians[i] = median(results.get(i), Result::perSecond);
                System.out.printf(Locale.ROOT, "median %-26s %9.0f msg/s  %6.1f us CPU/msg%n", variants.get(i).name(),
                        medians[i], median(results.get(i), Result::cpuMicrosPerMessage));
            }
            System.out.printf(Locale.ROOT, "core/JMS ratio, confirmed:       %.2f%n", medians[0] / medians[1]);
            System.out.printf(Locale.ROOT, "core/JMS ratio, fire-and-forget: %.2f%n", medians[2] / medians[3]);
        }
    }

    private static Variant core(String url, boolean confirmed) {
        return new Variant() {
            @Override
            public String name() {
                return "core " + (confirmed ? "confirmed" : "fire-and-forget");
            }

            @Override
            public Result run(int messages) throws Exception {
                SimpleString queue = SimpleString.of("bench.core." + (confirmed ? "confirmed" : "fire"));
                try (ServerLocator locator = ActiveMQClient.createServerLocator(url)
                        .setBlockOnNonDurableSend(false)
                        .setConfirmationWindowSize(confirmed ? CONFIRMATION_WINDOW : -1);
                        ClientSessionFactory factory = locator.createSessionFactory();
                        ClientSession consumerSession = factory.createSession();
                        ClientSession producerSession = factory.createSession()) {
                    try {
                        consumerSession.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)
                                .setDurable(false));
                    } catch (ActiveMQQueueExistsException e) {
                        // from the warm-up
                    }
                    CountDownLatch received = new CountDownLatch(messages);
                    CountDownLatch acknowledged = new CountDownLatch(confirmed ? messages : 0);
                    consumerSession.createConsumer(queue).setMessageHandler(m -> {
                        m.getBodyBuffer().readBytes(new byte[m.getBodyBuffer().readableBytes()]);
                        try {
                            m.acknowledge();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        received.countDown();
                    });
                    consumerSession.start();
                    if (confirmed) {
                        producerSession.setSendAcknowledgementHandler(new SendAcknowledgementHandler() {
                            @Override
                            public void sendAcknowledged(org.apache.activemq.artemis.api.core.Message m) {
                                acknowledged.countDown();
                            }
                        });
                    }
                    ClientProducer producer = producerSession.createProducer();
                    byte[] body = new byte[SIZE];
                    Clock clock = new Clock();
                    for (int i = 0; i < messages; i++) {
                        ClientMessage m = producerSession.createMessage(false);
                        m.getBodyBuffer().writeBytes(body);
                        producer.send(queue, m);
                    }
                    await(received, acknowledged);
                    return clock.result(messages);
                }
            }
        };
    }

    private static Variant jms(String url, boolean confirmed) {
        return new Variant() {
            @Override
            public String name() {
                return "jms  " + (confirmed ? "confirmed" : "fire-and-forget");
            }

            @Override
            public Result run(int messages) throws Exception {
                try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                        Connection connection = configure(cf).createConnection()) {
                    // DUPS_OK: acknowledgements in batches, as the core consumer's default ackBatchSize does
                    Session consumerSession = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
                    Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    Queue queue = producerSession.createQueue("bench.jms." + (confirmed ? "confirmed" : "fire"));
                    CountDownLatch received = new CountDownLatch(messages);
                    CountDownLatch acknowledged = new CountDownLatch(confirmed ? messages : 0);
                    consumerSession.createConsumer(queue).setMessageListener(m -> {
                        try {
                            ((BytesMessage) m).readBytes(new byte[SIZE]);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        received.countDown();
                    });
                    connection.start();
                    MessageProducer producer = producerSession.createProducer(queue);
                    producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                    producer.setDisableMessageID(true);
                    producer.setDisableMessageTimestamp(true);
                    CompletionListener completion = new CompletionListener() {
                        @Override
                        public void onCompletion(Message message) {
                            acknowledged.countDown();
                        }

                        @Override
                        public void onException(Message message, Exception exception) {
                            exception.printStackTrace();
                        }
                    };
                    byte[] body = new byte[SIZE];
                    Clock clock = new Clock();
                    for (int i = 0; i < messages; i++) {
                        BytesMessage m = producerSession.createBytesMessage();
                        m.writeBytes(body);
                        if (confirmed) {
                            producer.send(m, completion);
                        } else {
                            producer.send(m);
                        }
                    }
                    await(received, acknowledged);
                    return clock.result(messages);
                }
            }

            private ActiveMQConnectionFactory configure(ActiveMQConnectionFactory cf) {
                cf.setBlockOnNonDurableSend(false);
                cf.setConfirmationWindowSize(confirmed ? CONFIRMATION_WINDOW : -1);
                return cf;
            }
        };
    }

    private static void await(CountDownLatch received, CountDownLatch acknowledged) throws InterruptedException {
        if (!received.await(5, TimeUnit.MINUTES) || !acknowledged.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Timed out: " + received.getCount() + " not received, "
                    + acknowledged.getCount() + " not confirmed");
        }
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> field) {
        double[] values = results.stream().mapToDouble(field).sorted().toArray();
        return values[values.length / 2];
    }

    /** Wall clock and process CPU time (client threads and broker threads: one JVM). */
    private static final class Clock {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long startNanos = System.nanoTime();
        private final long startCpu = OS.getProcessCpuTime();

        Result result(int messages) {
            long wall = System.nanoTime() - startNanos;
            long cpu = OS.getProcessCpuTime() - startCpu;
            return new Result(messages * 1e9 / wall, cpu / 1e3 / messages);
        }
    }
}
