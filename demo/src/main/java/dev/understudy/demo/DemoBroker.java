package dev.understudy.demo;

import static dev.understudy.demo.StartupMessages.firstLine;
import static dev.understudy.demo.StartupMessages.since;
import static dev.understudy.demo.StartupMessages.tail;

import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerPair;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Workspace;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's broker: its own (one secured broker, or with {@code --broker ha} the replicated pair) started in
 * launcher JVMs, or an external one ({@code --broker-url}) checked for a TCP connection. Each process it starts is
 * handed to {@code own} at once, so that a demo stopping meanwhile stops it too.
 */
final class DemoBroker {
    /** What was started: the URL the nodes use; the broker (the pair's primary) and the pair, or null. */
    record Started(String url, BrokerProcess broker, BrokerPair pair) {
    }

    private final DemoOptions options;
    private final Workspace workspace;
    private final BrokerCredentials credentials;
    private final String clusterName;
    private final Console console;
    private final Consumer<ManagedProcess> own;

    DemoBroker(DemoOptions options, Workspace workspace, BrokerCredentials credentials, String clusterName,
            Console console, Consumer<ManagedProcess> own) {
        this.options = options;
        this.workspace = workspace;
        this.credentials = credentials;
        this.clusterName = clusterName;
        this.console = console;
        this.own = own;
    }

    Started start() {
        if (!options.embeddedBroker()) {
            URI url = options.brokerUrl().orElseThrow();
            console.info("Using the external broker at " + url + (credentials == null ? " without a login"
                    : " as cluster " + clusterName + ", logins from " + options.brokerCredentials().orElseThrow()));
            if (!accepts(url.getHost(), url.getPort())) {
                throw new DemoException("Cannot reach the broker at " + url + " (no TCP connection within 2 s). Start"
                        + " it (server-configs/artemis/README.md), or leave out --broker-url to use the demo's own.");
            }
            return new Started(url.toString(), null, null);
        }
        if (options.brokerHa()) {
            return startPair();
        }
        console.info("Starting the Artemis broker (embedded in a launcher JVM, server-configs/artemis/broker.xml,"
                + " secured: a user of least privilege per node, random passwords) on " + Loopback.ADDRESS + ":"
                + options.brokerPort() + " ...");
        long start = System.nanoTime();
        BrokerProcess started;
        try {
            started = BrokerProcess.start(workspace, absoluteClassPath(), options.brokerPort(), credentials);
        } catch (RuntimeException e) {
            throw new DemoException("The broker did not start: " + firstLine(e.getMessage()) + "\n" + tail(e));
        }
        own.accept(started);
        console.info("Broker ready in " + since(start) + " (pid " + started.pid() + ", " + started.url() + ")");
        return new Started(started.url(), started, null);
    }

    private Started startPair() {
        int backupPort = options.brokerPort() + 1;
        console.info("Starting the replicated Artemis broker pair (server-configs/artemis/broker-ha-primary.xml and"
                + " broker-ha-backup.xml, secured) on " + Loopback.ADDRESS + ":" + options.brokerPort() + " and :"
                + backupPort + " ...");
        long start = System.nanoTime();
        BrokerPair pair;
        try {
            pair = BrokerPair.start(workspace, absoluteClassPath(), options.brokerPort(), backupPort, credentials);
        } catch (RuntimeException e) {
            throw new DemoException("The broker pair did not start: " + firstLine(e.getMessage()) + "\n" + tail(e));
        }
        DemoException closing = null;
        for (ManagedProcess process : pair.processes()) {
            try {
                own.accept(process); // stops it and throws when the demo is closing: stop the other one too
            } catch (DemoException e) {
                closing = e;
            }
        }
        if (closing != null) {
            throw closing;
        }
        console.info("Broker pair in sync in " + since(start) + " (primary pid " + pair.primary().pid() + ", backup pid "
                + pair.backup().pid() + "; nodes connect to " + pair.url() + ")");
        return new Started(pair.url(), pair.primary(), pair);
    }

    /**
     * This JVM's class path with absolute entries (the broker JVM runs in its own directory); with
     * {@code java -jar}, the jar, whose manifest names the rest.
     */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
