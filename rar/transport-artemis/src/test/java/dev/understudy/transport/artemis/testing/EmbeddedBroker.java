package dev.understudy.transport.artemis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * A real Artemis broker in this JVM for tests and benchmarks: no persistence, no JMX, a CORE acceptor on 127.0.0.1
 * at a port found free at construction; no security unless {@link #secured(BrokerUsers)} (login required, the
 * cluster's least privileges of {@code BrokerPermissions}, users and roles from {@link BrokerUsers}). It can stop and start again on the same port
 * (a broker restart, as clients see it: connections drop, and non-durable queues are gone afterwards).
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {   // free port, data under target/
 *     String url = broker.url();                                    // tcp://127.0.0.1:<port>
 *     broker.stop();                                                // clients lose the connection
 *     broker.start();                                               // same port again
 *     broker.restart();                                             // stop + start
 * }                                                                 // close() stops it
 * }</pre>
 *
 * <p>Address settings are Artemis' defaults (auto-create addresses and queues on) plus the stock broker.xml's
 * dead-letter and expiry addresses; the disk-usage limit is off (a full disk on the build machine must not
 * block producers); the thread pools are small (the test machine has two cores); Artemis' per-message audit
 * log is turned down to WARNING. Not thread-safe: drive it from the test thread.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /**
     * Artemis' audit loggers log every message at INFO, which java.util.logging shows by default: tens of
     * thousands of lines per test run. Held here so that the level sticks (JUL keeps loggers weakly).
     */
    private static final List<Logger> QUIET = Stream.of("org.apache.activemq.audit.base",
                    "org.apache.activemq.audit.message", "org.apache.activemq.audit.resource")
            .map(Logger::getLogger).toList();

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    private final int port;
    private final Path dataDirectory;
    private BrokerUsers users;
    private ActiveMQServer server;

    private EmbeddedBroker(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** A stopped broker on a free loopback port, its data under {@code target/embedded-broker/}. */
    public static EmbeddedBroker create() {
        int port = freePort();
        return new EmbeddedBroker(port, Path.of("target", "embedded-broker", "port-" + port + "-" + System.nanoTime()));
    }

    /** A stopped broker on {@code port} (0: a free one), its data under {@code dataDirectory}. */
    public static EmbeddedBroker create(int port, Path dataDirectory) {
        return new EmbeddedBroker(port == 0 ? freePort() : port, dataDirectory);
    }

    /**
     * Turns security on for the next {@link #start()}: only {@code users} may log in, with the permissions of
     * {@link BrokerUsers#settings()}. Returns this.
     */
    public EmbeddedBroker secured(BrokerUsers users) {
        this.users = users;
        return this;
    }

    /** The users of a secured broker; {@code null} if it is not secured. */
    public BrokerUsers users() {
        return users;
    }

    /** Starts the broker and waits until it accepts connections. Returns this. */
    public EmbeddedBroker start() {
        if (server != null) {
            throw new IllegalStateException("The embedded broker is already running on port " + port);
        }
        try {
            Files.createDirectories(dataDirectory);
            ActiveMQServer fresh = users == null ? ActiveMQServers.newActiveMQServer(configuration(), false)
                    : ActiveMQServers.newActiveMQServer(configuration(), null, new ActiveMQJAASSecurityManager(
                            InVMLoginModule.class.getName(), users.securityConfiguration()), false);
            fresh.start();
            if (!fresh.waitForActivation(30, TimeUnit.SECONDS)) {
                fresh.stop();
                throw new IllegalStateException("The embedded broker did not activate within 30 s");
            }
            server = fresh;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded broker on port " + port, e);
        }
    }

    /** Stops the broker (clients see their connection fail). No-op if stopped. */
    public void stop() {
        ActiveMQServer running = server;
        server = null;
        if (running != null) {
            try {
                running.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the embedded broker on port " + port, e);
            }
        }
    }

    /** Stops and starts again on the same port. Returns this. */
    public EmbeddedBroker restart() {
        stop();
        return start();
    }

    public boolean isRunning() {
        return server != null && server.isActive();
    }

    public int port() {
        return port;
    }

    /** The core-client URL: {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The running server, for inspection (queues, consumers); {@code null} when stopped. */
    public ActiveMQServer server() {
        return server;
    }

    @Override
    public void close() {
        stop();
    }

    private Configuration configuration() throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setName("understudy-test-broker-" + port)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(users != null)
                .setJMXManagementEnabled(false)
                .setMaxDiskUsage(-1)
                .setThreadPoolMaxSize(8)
                .setScheduledThreadPoolMaxSize(2)
                .setJournalDirectory(dataDirectory.resolve("journal").toString())
                .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                .setPagingDirectory(dataDirectory.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString());
        configuration.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        // as in the stock broker.xml (otherwise every queue creation logs AMQ222165/AMQ222166)
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        if (users != null) {
            users.settings().forEach(setting -> configuration.putSecurityRoles(setting.match(),
                    BrokerUsers.roles(setting)));
        }
        return configuration;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
