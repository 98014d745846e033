package dev.understudy.demo.cluster;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small symmetric cluster of active brokers ({@code server-configs/artemis/broker-cluster.xml}), each a
 * {@link BrokerProcess} on 127.0.0.1 letting in the same users, joined by a cluster connection (ON_DEMAND load
 * balancing) over static connectors to the others. Ready once every member logged that its cluster bridges to all
 * the others are up ({@code AMQ221027}). Each node connects to one member ({@link #member(int)}'s URL).
 */
public final class BrokerCluster implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Artemis' line for a cluster bridge that connected ("Bridge ClusterConnectionBridge... is connected"). */
    private static final String BRIDGE_CONNECTED = "AMQ221027";

    private final List<BrokerProcess> members;

    private BrokerCluster(List<BrokerProcess> members) {
        this.members = List.copyOf(members);
    }

    /** Starts {@code size} members on free ports, a cluster password of 128 random bits, and waits for the bridges. */
    public static BrokerCluster start(Workspace workspace, String classPath, int size, BrokerCredentials credentials) {
        if (size < 2) {
            throw new IllegalArgumentException("A cluster needs at least two brokers, not " + size);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(FreePorts.next());
        }
        String clusterPassword = randomClusterPassword();
        List<BrokerProcess> started = new ArrayList<>();
        try {
            for (int port : ports) {
                String peers = ports.stream().filter(p -> p != port).map(String::valueOf)
                        .collect(Collectors.joining(","));
                started.add(BrokerProcess.start(workspace, classPath, port, credentials, null,
                        new BrokerProcess.HaRole("member", peers, clusterPassword), BrokerProcess.STARTUP_TIMEOUT));
            }
            for (BrokerProcess member : started) {
                Poll.until("broker " + member.port() + " bridged to its " + (size - 1) + " peers",
                        BrokerProcess.STARTUP_TIMEOUT, Duration.ofMillis(100),
                        () -> bridges(member) >= size - 1);
            }
            return new BrokerCluster(started);
        } catch (RuntimeException e) {
            started.forEach(BrokerProcess::kill9);
            throw e;
        }
    }

    /** Member {@code i} (0-based). */
    public BrokerProcess member(int i) {
        return members.get(i);
    }

    public List<BrokerProcess> members() {
        return members;
    }

    /** Who may log in (the same on every member). */
    public BrokerCredentials credentials() {
        return members.get(0).credentials();
    }

    /** Stops every member, newest first, each by its PID. */
    @Override
    public void close() {
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).stop();
        }
    }

    /** 128 random bits in hex: the cluster user's password of a pair or cluster started here. */
    static String randomClusterPassword() {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static long bridges(BrokerProcess member) {
        if (!member.isAlive()) {
            throw new IllegalStateException("broker " + member.port() + " exited: " + member.logTail(40));
        }
        try {
            return Files.readAllLines(member.logFile()).stream().filter(l -> l.contains(BRIDGE_CONNECTED)).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
