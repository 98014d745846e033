package dev.understudy.demo.cluster;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Artemis broker in a child JVM ({@link BrokerLauncher}, configured by the shipped secured
 * {@code server-configs/artemis/broker.xml}, or {@code broker-tls.xml} with {@link #startTls}), on 127.0.0.1 at a
 * fixed port so that a test can kill it ({@link #kill9()}) and start another on the same port — clients with
 * {@code reconnectAttempts=-1} then reconnect. Only the users of its {@link BrokerCredentials} may log in, each
 * node with the least privileges of its cluster; the users file (hashed passwords) lives in the broker's directory,
 * readable by its owner only. Ready when it printed {@link BrokerLauncher#READY} and accepts a TCP connection. Its
 * standard input is a pipe from this JVM: it exits if this JVM dies.
 *
 * <p>The child runs with {@code classPath}, which must hold this class's module and Artemis' server (the demo's
 * {@code java.class.path}; the tests' class path file).
 *
 * <pre>{@code
 * BrokerCredentials users = BrokerCredentials.generate(cluster, List.of("node-1", "node-2"));
 * try (BrokerProcess broker = BrokerProcess.start(workspace, classPath, FreePorts.next(), users)) {
 *     broker.url();     // tcp://127.0.0.1:<port>
 *     broker.credentials().node("node-1");
 *     broker.kill9();
 * }
 * }</pre>
 */
public final class BrokerProcess extends ManagedProcess {
    /** The default time a broker has to get ready. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final BrokerCredentials credentials;

    private BrokerProcess(Process process, Path directory, Path pidDirectory, int port,
            BrokerCredentials credentials) {
        super("broker-" + port, process, directory.resolve("broker.log"), directory.toString(), pidDirectory);
        this.port = port;
        this.credentials = credentials;
    }

    /**
     * Starts a broker on {@code port} (0: a free one) for the cluster and nodes of {@code credentials}, and returns
     * once it accepts connections.
     */
    public static BrokerProcess start(Workspace workspace, String classPath, int port, BrokerCredentials credentials) {
        return start(workspace, classPath, port, credentials, null, STARTUP_TIMEOUT);
    }

    /**
     * As {@link #start(Workspace, String, int, BrokerCredentials)}, with TLS only ({@code broker-tls.xml}): the stores
     * and {@code store-password} that {@code make-certs.sh} wrote to {@code certificates}.
     */
    public static BrokerProcess startTls(Workspace workspace, String classPath, int port,
            BrokerCredentials credentials, Path certificates) {
        return start(workspace, classPath, port, credentials, certificates, STARTUP_TIMEOUT);
    }

    /** Starts a broker, failing (and killing it) if not ready within {@code timeout}; {@code tls} may be null. */
    public static BrokerProcess start(Workspace workspace, String classPath, int port, BrokerCredentials credentials,
            Path tls, Duration timeout) {
        return start(workspace, classPath, port, credentials, tls, null, timeout);
    }

    /**
     * The part of a replicated pair ({@link BrokerPair}): {@code --ha primary|backup}, the other's port, and the
     * pair's cluster password (written to the broker's private security directory, never on a command line).
     */
    record HaRole(String role, String peerPorts, String clusterPassword) {
        boolean backup() {
            return role.equals("backup");
        }
    }

    static BrokerProcess start(Workspace workspace, String classPath, int port, BrokerCredentials credentials,
            Path tls, HaRole ha, Duration timeout) {
        int chosen = port != 0 ? port : FreePorts.next();
        Path directory = workspace.newDirectory("broker-" + chosen);
        Path security = credentials.writeBrokerFiles(directory.resolve("security"));
        if (ha != null) {
            try {
                BrokerCredentials.writePrivate(security.resolve(BrokerLauncher.CLUSTER_PASSWORD_FILE),
                        ha.clusterPassword() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the pair's cluster password", e);
            }
        }
        List<String> arguments = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                "-cp", classPath,
                BrokerLauncher.class.getName(),
                "--port", Integer.toString(chosen),
                "--data", directory.resolve("data").toString(),
                "--security", security.toString(),
                "--cluster", credentials.cluster(),
                "--nodes", String.join(",", credentials.nodeIds()),
                "--exit-on-stdin-eof"));
        if (tls != null) {
            arguments.addAll(List.of("--tls", tls.toAbsolutePath().toString()));
        }
        if (ha != null) {
            arguments.addAll(List.of("--ha", ha.role(), "--peer-port", ha.peerPorts()));
        }
        List<String> command = workspace.launch(arguments);
        Process process;
        try {
            Files.createDirectories(directory.resolve("tmp"));
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("broker.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the broker process", e);
        }
        BrokerProcess broker;
        try {
            broker = new BrokerProcess(process, directory, workspace.pidDirectory(), chosen, credentials);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            Poll.until("broker on port " + chosen + " ready", timeout, Duration.ofMillis(100), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue());
                }
                // a backup opens no acceptor until it takes over: ready once in sync with its primary
                return broker.printedReady() && (ha != null && ha.backup() || accepts(chosen));
            });
        } catch (RuntimeException e) {
            broker.kill9();
            throw new IllegalStateException("The broker did not get ready (" + e.getMessage() + "); log "
                    + broker.logFile() + ":\n" + broker.logTail(60), e);
        }
        return broker;
    }

    public int port() {
        return port;
    }

    /** Who may log in: the nodes' and the operator's users and passwords. */
    public BrokerCredentials credentials() {
        return credentials;
    }

    /** The core-client URL: {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://" + Loopback.ADDRESS + ":" + port;
    }

    /** The URL as an asadmin property value ({@code \:} for every colon). */
    public String asadminUrl() {
        return url().replace(":", "\\:");
    }

    private boolean printedReady() {
        return printed(BrokerLauncher.READY + " ");
    }

    /** True once a broker of an HA pair printed that it serves clients ({@link BrokerLauncher#ACTIVE}). */
    public boolean printedActive() {
        return printed(BrokerLauncher.ACTIVE + " ");
    }

    private boolean printed(String text) {
        try {
            return Files.exists(logFile()) && Files.readString(logFile()).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts a TCP connection on 127.0.0.1:{@code port} within a second. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
