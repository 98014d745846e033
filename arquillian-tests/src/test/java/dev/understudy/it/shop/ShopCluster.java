package dev.understudy.it.shop;

import static org.awaitility.Awaitility.await;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerPair;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.HaproxyConfig;
import dev.understudy.demo.cluster.HaproxyProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.it.cluster.ClusterFixture;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sample shop as users run it, for the failover tests: a broker process, {@code n} Payara Micro nodes
 * {@code node-1..n} (the shipped post-boot file, the RAR, {@code sample.war}; lean JVMs, {@code -Xmx384m}, serial
 * GC), started one after another, each ready when {@code /sample/api/health} answers 200, and HAProxy in front — in
 * route mode (seed Fig. 7), hash mode (Fig. 8), or both on two ports in front of the same nodes — everything on
 * 127.0.0.1, a cluster name and route secret unique to the run.
 *
 * <p>A node keeps its id and HTTP port across restarts (the balancers' server lines name it). Each balancer also
 * gets a stats page on a port of its own ({@code /stats;csv}), from which {@link #awaitBalancer} reads whether it
 * routes to a server. Every process belongs to the {@link ClusterFixture}, which stops it by PID whatever happens.
 *
 */
public final class ShopCluster implements AutoCloseable {
    /** The sample's readiness probe: 200 only when the node's adapter works. */
    public static final String HEALTH = HaproxyConfig.HEALTH_PATH;
    /** The adapter's default allow-list plus the sample's packages (as the demo gives it). */
    public static final String ALLOW_LIST = "java.lang.*;java.util.*;java.util.concurrent.*;"
            + "java.util.concurrent.atomic.*;java.time.*;java.math.*;java.net.URI;java.net.URL;"
            + "dev.understudy.sample.**;!*";
    private static final Duration PAIRING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BALANCER_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterFixture fixture;
    private final String label;
    private final String mode;
    private final String clusterName;
    private final String secret = RouteCookie.randomSecret();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, PayaraMicroNode> nodes = new LinkedHashMap<>();
    private final Map<HaproxyConfig.Mode, Balancer> balancers = new EnumMap<>(HaproxyConfig.Mode.class);
    private BrokerProcess broker;
    private BrokerPair pair;
    private UnderstudyNodes understudy;

    /** A balancer: HAProxy, its frontend port and its stats port. */
    private record Balancer(HaproxyProcess process, int port, int statsPort) {
    }

    private ShopCluster(ClusterFixture fixture, String label, String mode, int nodeCount) {
        this.fixture = fixture;
        this.label = label;
        this.mode = mode;
        this.clusterName = UnderstudyNodes.uniqueClusterName(label);
        for (int i = 1; i <= nodeCount; i++) {
            ports.put("node-" + i, FreePorts.next());
        }
    }

    /**
     * Starts a broker, {@code nodeCount} nodes in replication {@code mode} ({@code SYNC}, {@code ASYNC},
     * {@code BATCH}) one after another, waits until each pairs with a secondary, then a balancer per
     * {@code balancerModes}.
     */
    public static ShopCluster start(ClusterFixture fixture, String label, String mode, int nodeCount,
            HaproxyConfig.Mode... balancerModes) {
        ShopCluster cluster = new ShopCluster(fixture, label, mode, nodeCount);
        cluster.broker = fixture.broker(0, BrokerCredentials.generate(cluster.clusterName, cluster.ports.keySet()));
        return cluster.startNodes(cluster.broker.url(), cluster.broker.credentials(), balancerModes);
    }

    /**
     * As {@link #start}, on a replicated primary/backup pair of brokers ({@code broker-ha-primary.xml},
     * {@code broker-ha-backup.xml}): the nodes' broker URL names both, {@code ha=true}.
     */
    public static ShopCluster startOnHaPair(ClusterFixture fixture, String label, String mode, int nodeCount,
            HaproxyConfig.Mode... balancerModes) {
        ShopCluster cluster = new ShopCluster(fixture, label, mode, nodeCount);
        long start = System.nanoTime();
        cluster.pair = BrokerPair.start(ItSettings.workspace(), ItSettings.testClasspath(),
                BrokerCredentials.generate(cluster.clusterName, cluster.ports.keySet()));
        cluster.pair.processes().forEach(fixture::own);
        Timings.record(label + ": HA broker pair in sync", Duration.ofNanos(System.nanoTime() - start));
        return cluster.startNodes(cluster.pair.url(), cluster.pair.credentials(), balancerModes);
    }

    private ShopCluster startNodes(String brokerUrl, BrokerCredentials credentials,
            HaproxyConfig.Mode... balancerModes) {
        ShopCluster cluster = this;
        cluster.understudy = new UnderstudyNodes(ItSettings.resourceAdapterArchive(),
                UnderstudyNodes.readPostBootCommands(ItSettings.shippedPostBootCommands()), brokerUrl,
                cluster.clusterName, cluster.secret, ALLOW_LIST, credentials);
        for (String id : cluster.ports.keySet()) {
            cluster.startNode(id);
        }
        long start = System.nanoTime();
        for (String id : cluster.ports.keySet()) {
            cluster.awaitPaired(id);
        }
        Timings.record(label + ": " + ports.size() + " nodes paired", Duration.ofNanos(System.nanoTime() - start));
        for (HaproxyConfig.Mode balancerMode : balancerModes) {
            cluster.startBalancer(balancerMode);
        }
        return cluster;
    }

    /** The broker pair, if started with {@link #startOnHaPair}. */
    public BrokerPair pair() {
        if (pair == null) {
            throw new IllegalStateException("Not started on an HA pair");
        }
        return pair;
    }

    /** The node ids, {@code node-1..n}. */
    public List<String> ids() {
        return List.copyOf(ports.keySet());
    }

    /** The current process of node {@code id} (a restart replaces it). */
    public synchronized PayaraMicroNode node(String id) {
        PayaraMicroNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("No node " + id);
        }
        return node;
    }

    /** The nodes alive and not paused. */
    public synchronized List<String> live() {
        return nodes.entrySet().stream().filter(e -> e.getValue().isAlive() && !e.getValue().isPaused())
                .map(Map.Entry::getKey).toList();
    }

    /** The cookie MAC key the nodes share. */
    public String secret() {
        return secret;
    }

    public String mode() {
        return mode;
    }

    /** {@code http://127.0.0.1:<port>} of the balancer in {@code balancerMode}. */
    public URI balancer(HaproxyConfig.Mode balancerMode) {
        return URI.create("http://" + Loopback.ADDRESS + ":" + balancerOf(balancerMode).port());
    }

    /** {@code kill -9} of node {@code id}; returns when the process is gone. */
    public void kill9(String id) {
        node(id).kill9();
    }

    /** SIGTERM to node {@code id} (the adapter hands its sessions over, then Payara stops); returns when it exited. */
    public void stop(String id) {
        node(id).stop();
    }

    /** SIGSTOP to node {@code id}: it freezes with its sockets open. */
    public void pause(String id) {
        node(id).pause();
    }

    /** SIGCONT to node {@code id}. */
    public void resume(String id) {
        node(id).resume();
    }

    /**
     * Starts node {@code id} again at once (same id and port, a fresh process and directory), as a supervisor
     * restarts a crashed server — the broker may still hold the killed incarnation's connection (its TTL is 60 s) —
     * and waits until it is ready and pairs, and until every balancer routes to it again.
     */
    public void restart(String id) {
        PayaraMicroNode old = node(id);
        if (old.isAlive()) {
            throw new IllegalStateException(old + " is still running");
        }
        startNode(id);
        awaitPaired(id);
        for (HaproxyConfig.Mode balancerMode : balancers.keySet()) {
            awaitBalancer(balancerMode, id, true);
        }
    }

    /** Resumes a paused node, restarts dead ones, and waits until every balancer routes to every node. */
    public void ensureAllUp() {
        for (String id : ids()) {
            PayaraMicroNode node = node(id);
            if (node.isPaused()) {
                node.resume();
            }
            if (!node.isAlive()) {
                restart(id);
            }
        }
        for (HaproxyConfig.Mode balancerMode : balancers.keySet()) {
            for (String id : ids()) {
                awaitBalancer(balancerMode, id, true);
            }
        }
    }

    /** Waits until the balancer in {@code balancerMode} routes ({@code up}) or no longer routes to node {@code id}. */
    public void awaitBalancer(HaproxyConfig.Mode balancerMode, String id, boolean up) {
        await("HAProxy (" + balancerMode.label() + ") sees " + id + (up ? " UP" : " DOWN"))
                .atMost(BALANCER_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> serverStatus(balancerMode, id).map(status -> status.startsWith("UP") == up)
                        .orElse(false));
    }

    /** The status HAProxy's stats give for server {@code id} ({@code UP}, {@code DOWN}, {@code UP 1/2}, ...). */
    public Optional<String> serverStatus(HaproxyConfig.Mode balancerMode, String id) {
        URI stats = URI.create("http://" + Loopback.ADDRESS + ":" + balancerOf(balancerMode).statsPort()
                + "/stats;csv");
        HttpResponse<String> response;
        try {
            response = Http.get(stats, Duration.ofSeconds(2));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String[] lines = response.body().split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            return Optional.empty();
        }
        List<String> header = List.of(lines[0].substring(2).split(",", -1));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > status && fields[proxy].equals(HaproxyConfig.BACKEND) && fields[server].equals(id)) {
                return Optional.of(fields[status]);
            }
        }
        return Optional.empty();
    }

    /**
     * How many times node {@code observer}'s current process logged that it declared {@code victim} dead
     * ({@code US-E011 Node <victim> declared dead}): a side channel that touches no session.
     */
    public int declaredDead(String observer, String victim) {
        Pattern line = Pattern.compile("US-E011 Node " + Pattern.quote(victim) + " declared dead");
        return (int) logLines(observer).stream().filter(l -> line.matcher(l).find()).count();
    }

    /** The log lines of node {@code id}'s current process holding a {@code US-} code (engine, transport...). */
    public List<String> codedLogLines(String id) {
        return logLines(id).stream().filter(l -> l.contains(" US-")).map(ShopCluster::withoutPayaraPrefix).toList();
    }

    private static String withoutPayaraPrefix(String line) {
        int code = line.indexOf(" US-");
        int time = line.indexOf('[');
        String when = time >= 0 && line.length() > time + 24 ? line.substring(time + 12, time + 24) + " " : "";
        return when + line.substring(code + 1);
    }

    private List<String> logLines(String id) {
        Path log = node(id).logFile();
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Stops the balancers, the nodes (newest first, gracefully) and the broker. Idempotent. */
    @Override
    public void close() {
        List<ManagedProcess> processes = new ArrayList<>();
        balancers.values().forEach(b -> processes.add(b.process()));
        List<PayaraMicroNode> started;
        synchronized (this) {
            started = new ArrayList<>(nodes.values());
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            processes.add(started.get(i));
        }
        processes.add(broker);
        if (pair != null) {
            processes.addAll(pair.processes());
        }
        for (ManagedProcess process : processes) {
            if (process != null) {
                process.stop();
            }
        }
    }

    private void startNode(String id) {
        PayaraMicroNode.Builder builder = ItProcesses.node(id)
                .httpPort(ports.get(id))
                .heapMegabytes(384)
                .systemProperty("understudy.mode", mode);
        PayaraMicroNode node = fixture.node(understudy.node(builder, ItSettings.sampleWar(), HEALTH));
        synchronized (this) {
            nodes.put(id, node);
        }
        Timings.record(label + ": " + id + " ready (" + mode + ", sample.war)", node.bootTime());
        // a fresh @Stateful bean once failed its first burst of concurrent calls (NOTES-PAYARA): one call first
        warmUp(node, ShopSession.Kind.BEAN.path());
    }

    private static void warmUp(PayaraMicroNode node, String path) {
        await(node.name() + " answering " + path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> new SessionClient().post(node.url(path)).status() == 200);
    }

    /** Waits until a new session on node {@code id} gets a secondary: the node sees its peers through the broker. */
    private void awaitPaired(String id) {
        if (ports.size() < 2) {
            return;
        }
        PayaraMicroNode node = node(id);
        await(id + " choosing a secondary").atMost(PAIRING_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!node.isAlive()) {
                        throw new IllegalStateException(id + " exited: " + node.logTail(30));
                    }
                    SessionClient.Reply reply = new SessionClient().post(node.url(ShopSession.Kind.COUNTER.path()));
                    ShopReply parsed = ShopReply.parse(reply.status(), reply.body());
                    return parsed.served() && parsed.secondary() != null && !parsed.secondary().isEmpty();
                });
    }

    private void startBalancer(HaproxyConfig.Mode balancerMode) {
        int port = FreePorts.next();
        int statsPort = FreePorts.next();
        List<HaproxyConfig.Server> servers = new ArrayList<>();
        ports.forEach((id, nodePort) -> servers.add(new HaproxyConfig.Server(id, nodePort)));
        // the generated configuration, unchanged, plus a stats page on a port of its own
        String config = HaproxyConfig.render(balancerMode, port, servers)
                + "\nfrontend stats\n"
                + "    bind " + Loopback.ADDRESS + ":" + statsPort + "\n"
                + "    no log\n"
                + "    stats enable\n"
                + "    stats uri /stats\n";
        HaproxyProcess haproxy = fixture.own(HaproxyProcess.start(haproxyBinary(), ItSettings.workspace(), config,
                port, BALANCER_TIMEOUT));
        balancers.put(balancerMode, new Balancer(haproxy, port, statsPort));
        if (ListeningSockets.of(haproxy.pid()).stream().anyMatch(socket -> !socket.isLoopback())) {
            throw new IllegalStateException("HAProxy listens beyond loopback: " + ListeningSockets.of(haproxy.pid()));
        }
        for (String id : ids()) {
            awaitBalancer(balancerMode, id, true);
        }
    }

    private Balancer balancerOf(HaproxyConfig.Mode balancerMode) {
        Balancer balancer = balancers.get(balancerMode);
        if (balancer == null) {
            throw new IllegalStateException("No balancer in " + balancerMode.label() + " mode");
        }
        return balancer;
    }

    /** {@code haproxy}, found as the demo finds it. */
    static Path haproxyBinary() {
        return HaproxyProcess.findBinary().orElseThrow(() -> new IllegalStateException("haproxy not found on the"
                + " PATH nor in /usr/sbin: install it (Debian: apt-get install -y haproxy; .ci/run does it)"));
    }
}
