package dev.understudy.demo.cluster;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.time.Duration;
import java.util.List;

/**
 * A replicated primary/backup pair of brokers ({@code server-configs/artemis/broker-ha-primary.xml} and
 * {@code broker-ha-backup.xml}), each a {@link BrokerProcess} on 127.0.0.1, both letting in the same users. Started
 * primary first; ready once the backup has synchronised with it. The nodes connect with {@link #url()}, which
 * names both brokers with {@code ha=true}: the core client learns the pair's topology and fails over to the backup
 * when the primary dies.
 *
 * <pre>{@code
 * try (BrokerPair pair = BrokerPair.start(workspace, classPath, credentials)) {
 *     pair.url();           // (tcp://127.0.0.1:p,tcp://127.0.0.1:b)?ha=true
 *     pair.primary().kill9();
 *     pair.awaitBackupActive(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class BrokerPair implements AutoCloseable {

    private final BrokerProcess primary;
    private final BrokerProcess backup;

    private BrokerPair(BrokerProcess primary, BrokerProcess backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /** Starts the pair on two free ports, a cluster password of 128 random bits, and waits until it is in sync. */
    public static BrokerPair start(Workspace workspace, String classPath, BrokerCredentials credentials) {
        return start(workspace, classPath, FreePorts.next(), FreePorts.next(), credentials);
    }

    /** As {@link #start(Workspace, String, BrokerCredentials)}, on the ports given. */
    public static BrokerPair start(Workspace workspace, String classPath, int primaryPort, int backupPort,
            BrokerCredentials credentials) {
        String clusterPassword = BrokerCluster.randomClusterPassword();
        BrokerProcess primary = BrokerProcess.start(workspace, classPath, primaryPort, credentials, null,
                new BrokerProcess.HaRole("primary", Integer.toString(backupPort), clusterPassword), BrokerProcess.STARTUP_TIMEOUT);
        try {
            BrokerProcess backup = BrokerProcess.start(workspace, classPath, backupPort, credentials, null,
                    new BrokerProcess.HaRole("backup", Integer.toString(primaryPort), clusterPassword), BrokerProcess.STARTUP_TIMEOUT);
            return new BrokerPair(primary, backup);
        } catch (RuntimeException e) {
            primary.kill9();
            throw e;
        }
    }

    /** The broker active at start. */
    public BrokerProcess primary() {
        return primary;
    }

    /** The broker that takes over when the primary dies. */
    public BrokerProcess backup() {
        return backup;
    }

    /** Both, primary first. */
    public List<BrokerProcess> processes() {
        return List.of(primary, backup);
    }

    /** Who may log in (the same on both). */
    public BrokerCredentials credentials() {
        return primary.credentials();
    }

    /** The nodes' core-client URL: both brokers, {@code ha=true}. */
    public String url() {
        return url(primary.port(), backup.port());
    }

    /** The core-client URL of a pair on 127.0.0.1. */
    public static String url(int primaryPort, int backupPort) {
        return "(tcp://" + Loopback.ADDRESS + ":" + primaryPort + ",tcp://" + Loopback.ADDRESS + ":" + backupPort
                + ")?ha=true";
    }

    /** Waits until the backup printed that it serves clients (after the primary's death). */
    public void awaitBackupActive(Duration timeout) {
        Poll.until("backup broker on port " + backup.port() + " active", timeout, Duration.ofMillis(100), () -> {
            if (!backup.isAlive()) {
                throw new IllegalStateException("the backup exited: " + backup.logTail(40));
            }
            return backup.printedActive() && BrokerProcess.accepts(backup.port());
        });
    }

    /** Stops the backup, then the primary (each by its PID; a dead one is left alone). */
    @Override
    public void close() {
        backup.stop();
        primary.stop();
    }
}
