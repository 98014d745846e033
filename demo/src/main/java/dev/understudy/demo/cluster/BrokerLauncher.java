package dev.understudy.demo.cluster;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;

/**
 * An Artemis broker as a process of its own (so that a test can {@code kill -9} it, and the demo has its broker
 * without an Artemis installation), configured by the shipped single-broker file
 * {@code server-configs/artemis/broker.xml} (bundled in this jar as {@value #CONFIG}; {@code --config} names
 * another): a CORE acceptor on 127.0.0.1, no persistence, no security, no JMX. The port and the data directory
 * reach the file as the system properties {@code understudy.broker.port} and {@code understudy.broker.data}.
 * Prints {@value #READY} followed by the URL on standard output once it accepts connections; serves until it is
 * killed. SIGTERM stops the broker cleanly (shutdown hook).
 *
 * <pre>
 * java -cp demo/target/understudy-demo.jar dev.understudy.demo.cluster.BrokerLauncher \
 *      --port 61616 --data target/broker-data [--config broker.xml] [--exit-on-stdin-eof]
 * </pre>
 *
 * With {@code --exit-on-stdin-eof} it also stops when its standard input closes — when the parent JVM dies, even by
 * SIGKILL, since the pipe closes with it. {@link BrokerProcess} starts it that way.
 */
public final class BrokerLauncher {
    /** The first words of the line printed once the broker accepts connections; the URL follows. */
    public static final String READY = "UNDERSTUDY-BROKER-READY";
    /** The shipped broker.xml, as a class path resource of this module. */
    public static final String CONFIG = "dev/understudy/demo/cluster/broker.xml";

    /**
     * Artemis' audit loggers log every message at INFO, which java.util.logging shows by default; held here so that
     * the level sticks (JUL keeps loggers weakly).
     */
    private static final List<Logger> QUIET = Stream.of("org.apache.activemq.audit.base",
                    "org.apache.activemq.audit.message", "org.apache.activemq.audit.resource")
            .map(Logger::getLogger).toList();
    private static final String USAGE =
            "Usage: BrokerLauncher --port PORT --data DIRECTORY [--config BROKER_XML] [--exit-on-stdin-eof]";

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        Path config = null;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--config" -> config = Path.of(args[++i]);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (port <= 0 || data == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));

        ActiveMQServer server = start(port, data, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("Stopping the broker failed: " + e);
            }
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " tcp://127.0.0.1:" + port + " pid=" + ProcessHandle.current().pid());
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

    private static ActiveMQServer start(int port, Path data, Path config) throws Exception {
        Files.createDirectories(data);
        System.setProperty("understudy.broker.port", Integer.toString(port));
        System.setProperty("understudy.broker.data", data.toAbsolutePath().toString());
        resource(CONFIG); // fails with a clear message if the jar lacks it
        String url = config != null ? config.toUri().toString() : CONFIG;
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url);
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(configuration, false);
        server.start();
        if (!server.waitForActivation(30, TimeUnit.SECONDS)) {
            server.stop();
            throw new IllegalStateException("The broker did not activate within 30 s");
        }
        return server;
    }

    private static URL resource(String name) {
        URL url = BrokerLauncher.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the class path (copied from server-configs/artemis)");
        }
        return url;
    }
}
