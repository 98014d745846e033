package dev.understudy.it.cluster;

import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * An Artemis broker as a process of its own (so that a test can {@code kill -9} it): the
 * {@link EmbeddedBroker} of the transport's tests (CORE acceptor on 127.0.0.1, no persistence, no security) in
 * a JVM that serves until it is killed. Prints {@value #READY} followed by the URL on standard output once it
 * accepts connections. SIGTERM stops the broker cleanly (shutdown hook).
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/test-classpath.txt) dev.understudy.it.cluster.BrokerLauncher \
 *      --port 61616 --data target/broker-data [--exit-on-stdin-eof]
 * </pre>
 *
 * With {@code --exit-on-stdin-eof} it also stops when its standard input closes — when the parent test JVM dies,
 * even by SIGKILL, since the pipe closes with it. {@link BrokerProcess} starts it that way.
 */
public final class BrokerLauncher {
    /** The first words of the line printed once the broker accepts connections; the URL follows. */
    public static final String READY = "UNDERSTUDY-BROKER-READY";

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> {
                    System.err.println("Usage: BrokerLauncher --port PORT --data DIRECTORY [--exit-on-stdin-eof]");
                    System.exit(2);
                }
            }
        }
        if (port <= 0 || data == null) {
            System.err.println("Usage: BrokerLauncher --port PORT --data DIRECTORY [--exit-on-stdin-eof]");
            System.exit(2);
        }

        EmbeddedBroker broker = EmbeddedBroker.create(port, data).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " " + broker.url() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();

        if (exitOnStdinEof) {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // the same: the pipe is broken
            }
            System.exit(0); // runs the shutdown hook
        }
        stopped.await();
    }
}
