package dev.understudy.demo.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.understudy.demo.process.Loopback;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * One broker of the replicated primary/backup pair ({@code broker-ha-primary.xml}, {@code broker-ha-backup.xml}),
 * for {@link BrokerLauncher} {@code --ha primary|backup --peer-port PORT}, or a member of the symmetric cluster
 * ({@code broker-cluster.xml}, {@code --ha member --peer-port PORT,PORT...}: the peers replace the file's static
 * connectors). The cluster password comes from the file {@value BrokerLauncher#CLUSTER_PASSWORD_FILE} in the security
 * directory, the same on every broker.
 *
 * <p>Ready means: the primary is active (serves clients); the backup has synchronised with the primary
 * ({@link ActiveMQServer#isReplicaSync()}) and waits, with no acceptor open, until the primary fails. Each prints
 * {@value BrokerLauncher#ACTIVE} once it serves clients — for the backup, that is the failover.
 */
final class HaBroker {
    /** How long a backup may take to synchronise with its primary before the launcher gives up. */
    private static final long BACKUP_SYNC_SECONDS = 60;

    private HaBroker() {
    }

    static ActiveMQServer start(BrokerLauncher.Ha ha, int port, List<Integer> peerPorts, Path data, Path config,
            BrokerLauncher.Security security) throws Exception {
        int peerPort = peerPorts.get(0);
        Path passwordFile = security.directory().resolve(BrokerLauncher.CLUSTER_PASSWORD_FILE);
        if (!Files.isReadable(passwordFile)) {
            throw new IllegalStateException("No " + passwordFile + ": the pair needs a cluster password");
        }
        String password = Files.readString(passwordFile).strip();
        if (password.length() < 16) {
            throw new IllegalStateException(passwordFile + " holds fewer than 16 characters");
        }
        System.setProperty("understudy.broker.cluster.password", password);
        System.setProperty("understudy.broker.peer.port", Integer.toString(peerPort));
        FileConfiguration configuration = BrokerLauncher.read(port, data, config, security, ha.config());
        if (ha == BrokerLauncher.Ha.MEMBER) {
            peers(configuration, peerPorts);
        }
        // a replicating backup refuses to start unless its journal directory exists already
        for (String directory : new String[] {configuration.getJournalDirectory(),
                configuration.getBindingsDirectory(), configuration.getPagingDirectory(),
                configuration.getLargeMessagesDirectory()}) {
            Files.createDirectories(Path.of(directory));
        }
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(configuration, null,
                new ActiveMQJAASSecurityManager(BrokerLauncher.JAAS_DOMAIN), true); // the replicated journal
        server.start();
        if (ha != BrokerLauncher.Ha.BACKUP) {
            if (!server.waitForActivation(30, TimeUnit.SECONDS)) {
                server.stop();
                throw new IllegalStateException("The " + ha.label() + " did not activate within 30 s");
            }
            return server;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BACKUP_SYNC_SECONDS);
        while (!server.isReplicaSync() && !server.isActive()) {
            if (System.nanoTime() > deadline) {
                server.stop();
                throw new IllegalStateException("The backup did not synchronise with its primary (port " + peerPort
                        + ") within " + BACKUP_SYNC_SECONDS + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a broker's state in its own launcher, not in a test
        }
        return server;
    }

    /** A cluster member's static connectors: {@code peer-1..n} on 127.0.0.1 at {@code peerPorts}, instead of the file's. */
    private static void peers(FileConfiguration configuration, List<Integer> peerPorts) {
        ClusterConnectionConfiguration cluster = configuration.getClusterConfigurations().get(0);
        configuration.getConnectorConfigurations().keySet().removeIf(name -> name.startsWith("peer-"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < peerPorts.size(); i++) {
            String name = "peer-" + (i + 1);
            configuration.addConnectorConfiguration(name, new TransportConfiguration(
                    NettyConnectorFactory.class.getName(), Map.of(TransportConstants.HOST_PROP_NAME, Loopback.ADDRESS,
                            TransportConstants.PORT_PROP_NAME, peerPorts.get(i)), name));
            names.add(name);
        }
        cluster.setStaticConnectors(names);
    }

    /** Prints {@value BrokerLauncher#ACTIVE} once {@code server} serves clients, from a daemon thread. */
    static void reportActivation(ActiveMQServer server, int port) {
        Thread watch = new Thread(() -> {
            try {
                while (!server.waitForActivation(1, TimeUnit.HOURS)) {
                    // keep waiting: a backup may wait for ever
                }
                System.out.println(BrokerLauncher.ACTIVE + " tcp://127.0.0.1:" + port);
                System.out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-activation-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
