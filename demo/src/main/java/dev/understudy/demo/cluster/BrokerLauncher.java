package dev.understudy.demo.cluster;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.BrokerPermissions;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * An Artemis broker as a process of its own (so that a test can {@code kill -9} it, and the demo has its broker
 * without an Artemis installation), configured by the shipped secured single-broker file
 * {@code server-configs/artemis/broker.xml} (bundled in this jar as {@value #CONFIG}), or with {@code --tls} by
 * {@code broker-tls.xml} ({@value #TLS_CONFIG}); {@code --config} names another file. A CORE acceptor on
 * 127.0.0.1, no persistence, no JMX; login required. The port and the data directory reach the file as the system
 * properties {@code understudy.broker.port} and {@code understudy.broker.data}.
 *
 * <p><b>Security.</b> {@code --security DIR} names the directory holding {@code login.config},
 * {@code artemis-users.properties} and {@code artemis-roles.properties} ({@link BrokerCredentials#writeBrokerFiles});
 * {@code --cluster} and {@code --nodes} replace the file's example security settings with those of that cluster
 * and those nodes ({@code BrokerPermissions.forCluster}). {@code --tls DIR} names the output of
 * {@code make-certs.sh}: the stores and their {@code store-password}, read here, never on the command line.
 *
 * <p>Prints {@value #READY} followed by the URL on standard output once it accepts connections; serves until it is
 * killed. SIGTERM stops the broker cleanly (shutdown hook).
 *
 * <pre>
 * java -cp demo/target/understudy-demo.jar dev.understudy.demo.cluster.BrokerLauncher \
 *      --port 61616 --data target/broker-data --security DIR --cluster understudy --nodes node-1,node-2 \
 *      [--tls CERTS_DIR] [--config broker.xml] [--exit-on-stdin-eof]
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
    /** The shipped broker-tls.xml, as a class path resource of this module. */
    public static final String TLS_CONFIG = "dev/understudy/demo/cluster/broker-tls.xml";
    /** The shipped primary of the replicated HA pair, broker-ha-primary.xml, as a class path resource. */
    public static final String HA_PRIMARY_CONFIG = "dev/understudy/demo/cluster/broker-ha-primary.xml";
    /** The shipped backup of the replicated HA pair, broker-ha-backup.xml, as a class path resource. */
    public static final String HA_BACKUP_CONFIG = "dev/understudy/demo/cluster/broker-ha-backup.xml";
    /** A member of the symmetric broker cluster, broker-cluster.xml, as a class path resource. */
    public static final String CLUSTER_MEMBER_CONFIG = "dev/understudy/demo/cluster/broker-cluster.xml";
    /** With {@code --ha}: the file in the security directory holding the pair's cluster password (one line). */
    public static final String CLUSTER_PASSWORD_FILE = "cluster-password";
    /** Printed by an HA broker once it is active: at once for a primary, after the failover for a backup. */
    public static final String ACTIVE = "UNDERSTUDY-BROKER-ACTIVE";
    /** The JAAS domain of the shipped login.config (and of a stock Artemis instance). */
    public static final String JAAS_DOMAIN = "activemq";

    /**
     * Artemis' audit loggers log every message at INFO, which java.util.logging shows by default; held here so that
     * the level sticks (JUL keeps loggers weakly).
     */
    private static final List<Logger> QUIET = Stream.of("org.apache.activemq.audit.base",
                    "org.apache.activemq.audit.message", "org.apache.activemq.audit.resource")
            .map(Logger::getLogger).toList();
    private static final String USAGE = "Usage: BrokerLauncher --port PORT --data DIRECTORY --security DIRECTORY"
            + " --cluster NAME --nodes ID,ID... [--tls CERTS_DIRECTORY | --ha primary|backup|member --peer-port PORT,...]"
            + " [--config BROKER_XML] [--exit-on-stdin-eof]";

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        Path config = null;
        Path security = null;
        Path tls = null;
        String cluster = null;
        List<NodeId> nodes = List.of();
        boolean exitOnStdinEof = false;
        Ha ha = Ha.NONE;
        List<Integer> peerPorts = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--config" -> config = Path.of(args[++i]);
                case "--security" -> security = Path.of(args[++i]);
                case "--tls" -> tls = Path.of(args[++i]);
                case "--cluster" -> cluster = args[++i];
                case "--nodes" -> nodes = Arrays.stream(args[++i].split(",")).map(String::strip)
                        .filter(id -> !id.isEmpty()).map(NodeId::of).toList();
                case "--ha" -> ha = Ha.of(args[++i]);
                case "--peer-port" -> peerPorts = Arrays.stream(args[++i].split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (port <= 0 || data == null || security == null || cluster == null || nodes.isEmpty()
                || (ha != Ha.NONE) == peerPorts.isEmpty() || (ha != Ha.NONE && tls != null)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));

        Security settings = new Security(security, cluster, nodes, tls);
        ActiveMQServer server = ha == Ha.NONE ? start(port, data, config, settings)
                : HaBroker.start(ha, port, peerPorts, data, config, settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("Stopping the broker failed: " + e);
            }
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " tcp://127.0.0.1:" + port + " pid=" + ProcessHandle.current().pid()
                + (tls != null ? " tls" : "") + (ha != Ha.NONE ? " ha=" + ha.label() : "") + " cluster=" + cluster
                + " nodes=" + nodes.size());
        System.out.flush();
        if (ha != Ha.NONE) {
            HaBroker.reportActivation(server, port);
        }

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

    /** Who may log in ({@code directory}), what the nodes may do, and the TLS stores (or {@code null}). */
    record Security(Path directory, String cluster, List<NodeId> nodes, Path tls) {
    }

    /** The broker's part in a replicated pair ({@code --ha}), or none. */
    enum Ha {
        NONE(null, CONFIG), PRIMARY("primary", HA_PRIMARY_CONFIG), BACKUP("backup", HA_BACKUP_CONFIG),
        /** A member of the symmetric cluster: active at once, peers given by their ports. */
        MEMBER("member", CLUSTER_MEMBER_CONFIG);

        private final String label;
        private final String config;

        Ha(String label, String config) {
            this.label = label;
            this.config = config;
        }

        static Ha of(String label) {
            for (Ha ha : values()) {
                if (ha != NONE && ha.label.equals(label)) {
                    return ha;
                }
            }
            throw new IllegalArgumentException("--ha takes primary, backup or member, not " + label);
        }

        String label() {
            return label;
        }

        /** The shipped configuration file of this part (a class path resource). */
        String config() {
            return config;
        }
    }

    static ActiveMQServer start(int port, Path data, Path config, Security security) throws Exception {
        FileConfiguration configuration = read(port, data, config, security);
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(configuration, null,
                new ActiveMQJAASSecurityManager(JAAS_DOMAIN), false);
        server.start();
        if (!server.waitForActivation(30, TimeUnit.SECONDS)) {
            server.stop();
            throw new IllegalStateException("The broker did not activate within 30 s");
        }
        return server;
    }

    /**
     * The configuration the broker runs: the file, its security settings replaced by those of the cluster, with
     * the system properties it refers to set (port, data, TLS stores) and JAAS pointed at the users.
     */
    static FileConfiguration read(int port, Path data, Path config, Security security) throws Exception {
        return read(port, data, config, security, security.tls() != null ? TLS_CONFIG : CONFIG);
    }

    /** As {@link #read(int, Path, Path, Security)}, of the shipped file {@code name} unless {@code config} is set. */
    static FileConfiguration read(int port, Path data, Path config, Security security, String name) throws Exception {
        Files.createDirectories(data);
        System.setProperty("understudy.broker.port", Integer.toString(port));
        System.setProperty("understudy.broker.data", data.toAbsolutePath().toString());
        Path loginConfig = security.directory().resolve("login.config").toAbsolutePath();
        if (!Files.isReadable(loginConfig)) {
            throw new IllegalStateException("No " + loginConfig + ": the broker would let nobody in");
        }
        System.setProperty("java.security.auth.login.config", loginConfig.toString());
        if (security.tls() != null) {
            Path certs = security.tls().toAbsolutePath();
            System.setProperty("understudy.broker.tls", certs.toString());
            System.setProperty("understudy.broker.tls.password", Files.readString(certs.resolve("store-password"))
                    .strip());
        }
        resource(name); // fails with a clear message if the jar lacks it
        String url = config != null ? config.toUri().toString() : name;
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url);
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        if (!configuration.isSecurityEnabled()) {
            throw new IllegalStateException(url + " turns security off; the launcher runs secured brokers only");
        }
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        for (BrokerPermissions.Setting setting : BrokerPermissions.forCluster(security.cluster(), security.nodes())) {
            roles.put(setting.match(), BrokerPermissions.roles(setting));
        }
        configuration.setSecurityRoles(roles);
        return configuration;
    }

    private static URL resource(String name) {
        URL url = BrokerLauncher.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the class path (copied from server-configs/artemis)");
        }
        return url;
    }
}
