package dev.understudy.benchmarks.http;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.HaproxyConfig;
import dev.understudy.demo.cluster.HaproxyProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The benchmark's cluster, started once and shared by every configuration: an Artemis broker (the demo's
 * {@link BrokerProcess}), two clustered Payara Micro nodes ({@link ClusteredMicro}) each deploying the Understudy
 * RAR (the shipped post-boot file) and three WARs — {@code /sample} (Understudy's filter), {@code /plain} (no
 * replication) and {@code /hz} ({@code <distributable/>}, Payara's Hazelcast) — and HAProxy in front: {@code /sample}
 * routed by the Understudy cookie (the demo's {@link HaproxyConfig}, route mode), {@code /plain} and {@code /hz}
 * sticky by an inserted cookie. If asked, a WildFly pair too ({@link WildFlyPair}: two servers deploying the same
 * {@code <distributable/>} WAR at {@code /wf}), started after the Payara nodes, behind the same HAProxy ({@code /wf}
 * sticky by an inserted cookie). Every process on 127.0.0.1, stopped by PID.
 */
final class BenchCluster implements AutoCloseable {
    static final List<String> NODE_IDS = List.of("node-1", "node-2");
    /** A third Understudy node, started only for the failover's fetch path ({@link #startFetchNode}). */
    static final String FETCH_NODE_ID = "node-3";
    static final String ALLOW_LIST = "java.lang.*;java.util.*;java.util.concurrent.*;java.util.concurrent.atomic.*;"
            + "java.time.*;java.math.*;java.net.URI;java.net.URL;dev.understudy.sample.**;!*";
    private static final String STICKY_COOKIE = "BENCHSRV";
    /** Two nodes booting together with three WARs and the RAR: ~35 s here, minutes while the machine is busy. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final List<ManagedProcess> started = new ArrayList<>();
    private final List<ClusteredMicro> nodes = new ArrayList<>();
    private final List<Integer> hazelcastPorts = new ArrayList<>();
    private BrokerProcess broker;
    private HaproxyProcess haproxy;
    private Inputs inputs;
    private Workspace workspace;
    private String clusterName;
    private final String routeSecret = RouteCookie.randomSecret();
    private WildFlyPair wildfly;

    /**
     * Where the cluster's inputs are.
     *
     * @param wildfly the WildFly pair's, if it is to run
     */
    record Inputs(Path microJar, Path resourceAdapter, Path sampleWar, Path postBootFile, Path workDirectory,
            List<String> nodeJvmOptions, Optional<WildFlyInputs> wildfly) {
    }

    /** The unpacked WildFly and the CLI script that configures it ({@link WildFlyPair}). */
    record WildFlyInputs(Path home, Path cliScript) {
        /** In {@code directory} as the build leaves them: {@code wildfly-<bench.version.wildfly>/}, the script. */
        static WildFlyInputs of(Path directory) {
            return new WildFlyInputs(directory.resolve("wildfly-" + System.getProperty("bench.version.wildfly", "?")),
                    directory.resolve(WildFlyCli.SCRIPT));
        }
    }

    /**
     * What serves a configuration, as the measurement reads it: the server JVMs, the broker's JVM if the
     * configuration's servers use it, and the ports of the replication channels — {@code relayPorts} (the broker's:
     * the servers' egress is what they send to it) and {@code peerPorts} (between the servers: both directions are
     * the servers' egress).
     */
    record Serving(List<Long> serverPids, Optional<Long> brokerPid, Set<Integer> relayPorts, Set<Integer> peerPorts) {
    }

    static BenchCluster start(Inputs inputs, java.util.function.Consumer<String> progress) {
        BenchCluster cluster = new BenchCluster();
        try {
            cluster.startAll(inputs, progress);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(Inputs inputs, java.util.function.Consumer<String> progress) {
        Path haproxyBinary = HaproxyProcess.findBinary().orElseThrow(() -> new IllegalStateException(
                "haproxy not found (Debian: apt-get install -y haproxy)"));
        this.inputs = inputs;
        workspace = new Workspace(inputs.workDirectory().resolve("run-" + System.currentTimeMillis()),
                inputs.workDirectory().resolve("processes"), false);
        Path wars = workspace.newDirectory("wars");
        Path plain = WarVariants.plain(inputs.sampleWar(), wars);
        Path hz = WarVariants.distributable(inputs.sampleWar(), wars);

        clusterName = UnderstudyNodes.uniqueClusterName("bench");
        progress.accept("starting the broker (secured: a login per node)");
        broker = BrokerProcess.start(workspace, System.getProperty("java.class.path"), 0,
                BrokerCredentials.generate(clusterName, allNodeIds()));
        started.add(broker);

        for (int i = 0; i < NODE_IDS.size(); i++) {
            hazelcastPorts.add(FreePorts.next());
        }
        ClusteredMicro.Setup setup = new ClusteredMicro.Setup(inputs.microJar(), workspace, hazelcastPorts,
                clusterName, inputs.nodeJvmOptions(), Map.of("UNDERSTUDY_ROUTE_SECRET", routeSecret),
                UnderstudyNodes.readPostBootCommands(inputs.postBootFile()),
                List.of(inputs.sampleWar(), plain, hz),
                List.of(HaproxyConfig.HEALTH_PATH, "/plain/api/counter", "/hz/api/counter"),
                STARTUP_TIMEOUT);
        progress.accept("starting " + NODE_IDS + " (Payara Micro, clustered, RAR + sample, plain, hz WARs)");
        List<CompletableFuture<ClusteredMicro>> starting = new ArrayList<>();
        for (int i = 0; i < NODE_IDS.size(); i++) {
            String id = NODE_IDS.get(i);
            int hazelcastPort = hazelcastPorts.get(i);
            Map<String, String> properties = understudyProperties(id, clusterName, inputs.resourceAdapter());
            BrokerCredentials.Login login = broker.credentials().node(id);
            Map<String, String> secrets = Map.of("understudy.user", login.user(), "understudy.password", login.password());
            int httpPort = FreePorts.next();
            starting.add(CompletableFuture.supplyAsync(
                    () -> ClusteredMicro.start(setup, id, httpPort, hazelcastPort, properties, secrets)));
        }
        RuntimeException failure = null;
        for (CompletableFuture<ClusteredMicro> future : starting) {
            try {
                ClusteredMicro node = future.join();
                nodes.add(node);
                started.add(node);
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        awaitReplicationPaths(progress);
        if (inputs.wildfly().isPresent()) {
            WildFlyInputs wf = inputs.wildfly().get();
            wildfly = WildFlyPair.start(new WildFlyPair.Setup(wf.home(), wf.cliScript(), hz, workspace,
                    inputs.nodeJvmOptions(), STARTUP_TIMEOUT), started::add, progress);
        }

        int lbPort = FreePorts.next();
        List<HaproxyConfig.Server> servers = new ArrayList<>();
        for (ClusteredMicro node : nodes) {
            servers.add(new HaproxyConfig.Server(node.name(), node.httpPort()));
        }
        List<HaproxyConfig.Server> wildflyServers = new ArrayList<>();
        for (WildFlyServer server : wildfly()) {
            wildflyServers.add(new HaproxyConfig.Server(server.name(), server.httpPort()));
        }
        haproxy = HaproxyProcess.start(haproxyBinary, workspace, haproxyConfig(lbPort, servers, wildflyServers), lbPort,
                Duration.ofSeconds(30));
        started.add(haproxy);
        Poll.until("HAProxy passing requests to both nodes", Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
            try (HttpConnection probe = new HttpConnection(lbAddress())) {
                return probe.send("GET", HaproxyConfig.HEALTH_PATH).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        progress.accept("cluster ready: broker " + broker.url() + ", nodes " + nodes
                + (wildfly == null ? "" : ", WildFly " + wildfly.servers()) + ", HAProxy 127.0.0.1:" + lbPort);
    }

    /** The adapter's per-node settings, as the demo's {@code UnderstudyNodes} gives them. */
    private Map<String, String> understudyProperties(String nodeId, String clusterName, Path resourceAdapter) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("understudy.nodeId", nodeId);
        properties.put("understudy.brokerUrl", broker.url());
        properties.put("understudy.rar", resourceAdapter.toAbsolutePath().toString());
        properties.put("understudy.clusterName", clusterName);
        properties.put("understudy.heartbeatIntervalMillis", Long.toString(UnderstudyNodes.HEARTBEAT_MILLIS));
        properties.put("understudy.failureTimeoutMillis", Long.toString(UnderstudyNodes.FAILURE_TIMEOUT_MILLIS));
        properties.put("understudy.fetchTimeoutMillis", Long.toString(UnderstudyNodes.FETCH_TIMEOUT_MILLIS));
        properties.put("understudy.deserializationAllowList", ALLOW_LIST);
        return properties;
    }

    /**
     * Both replication paths work before anything is measured: a session created on node-1 through Understudy has
     * node-2 as its secondary, and one created on node-1 through Payara's Hazelcast is read on node-2.
     */
    private void awaitReplicationPaths(java.util.function.Consumer<String> progress) {
        ClusteredMicro first = nodes.get(0);
        ClusteredMicro second = nodes.get(1);
        Poll.until("an Understudy session on " + first.name() + " backed by " + second.name(), Duration.ofSeconds(60),
                Duration.ofMillis(250), () -> {
                    try (HttpConnection client = new HttpConnection(address(first))) {
                        String body = client.send("POST", "/sample/api/counter").body();
                        return body.contains("\"secondary\":\"" + second.name() + "\"");
                    }
                });
        Poll.until("a Payara (Hazelcast) session of " + first.name() + " read on " + second.name(),
                Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
                    try (HttpConnection one = new HttpConnection(address(first));
                            HttpConnection two = new HttpConnection(address(second))) {
                        one.send("POST", "/hz/api/counter");
                        one.send("POST", "/hz/api/counter");
                        two.cookies().putAll(one.cookies());
                        return two.send("GET", "/hz/api/counter").body().contains("\"count\":2");
                    }
                });
        progress.accept("replication works: Understudy pairs " + first.name() + " with " + second.name()
                + "; Payara's Hazelcast serves node-1's session on node-2");
    }

    /**
     * The demo's route-mode configuration for {@code /sample}, plus sticky backends for {@code /plain}, {@code /hz}
     * and, if {@code wildflyServers} is not empty, {@code /wf} on those (health: WildFly's welcome page {@code /},
     * which makes no session).
     */
    static String haproxyConfig(int lbPort, List<HaproxyConfig.Server> servers,
            List<HaproxyConfig.Server> wildflyServers) {
        String rendered = HaproxyConfig.render(HaproxyConfig.Mode.ROUTE, lbPort, servers);
        // the demo's configuration redispatches every retry of a refused connection at once (option redispatch 1)
        String base = rendered;
        String defaultBackend = "    default_backend " + HaproxyConfig.BACKEND + "\n";
        if (!base.contains(defaultBackend)) {
            throw new IllegalStateException("Unexpected HAProxy configuration:\n" + base);
        }
        String routes = "    use_backend plain if { path_beg /plain/ }\n    use_backend hz if { path_beg /hz/ }\n"
                + (wildflyServers.isEmpty() ? "" : "    use_backend wf if { path_beg /wf/ }\n");
        StringBuilder text = new StringBuilder(base.replace(defaultBackend, routes + defaultBackend));
        for (String backend : List.of("plain", "hz")) {
            stickyBackend(text, backend, "Payara's own session affinity", HaproxyConfig.HEALTH_PATH, servers);
        }
        if (!wildflyServers.isEmpty()) {
            stickyBackend(text, "wf", "the WildFly pair", "/", wildflyServers);
        }
        return text.toString();
    }

    private static List<String> allNodeIds() {
        List<String> ids = new ArrayList<>(NODE_IDS);
        ids.add(FETCH_NODE_ID);
        return ids;
    }

    /**
     * Starts {@value #FETCH_NODE_ID}: an Understudy node with the RAR and the sample only, set up as the demo sets
     * its nodes up ({@link UnderstudyNodes}: same broker, cluster name, route secret, allow-list), outside Payara's
     * cluster ({@code --nocluster}, so Payara's Hazelcast keeps its two members), not behind HAProxy. The failover
     * sends sessions straight to it: it must fetch them from their secondary. Stopped with the cluster.
     */
    PayaraMicroNode startFetchNode() {
        UnderstudyNodes nodes = new UnderstudyNodes(inputs.resourceAdapter(),
                UnderstudyNodes.readPostBootCommands(inputs.postBootFile()), broker.url(), clusterName, routeSecret,
                ALLOW_LIST, broker.credentials());
        // the demo's JVM options (512 MiB, SerialGC, C1 only): it serves a few requests, nothing measured by CPU
        PayaraMicroNode.Builder builder = PayaraMicroNode.builder(FETCH_NODE_ID, inputs.microJar(), workspace);
        PayaraMicroNode node = nodes.node(builder, inputs.sampleWar(), HaproxyConfig.HEALTH_PATH)
                .startupTimeout(STARTUP_TIMEOUT).start();
        started.add(node);
        return node;
    }

    private static void stickyBackend(StringBuilder text, String backend, String what, String healthPath,
            List<HaproxyConfig.Server> servers) {
        text.append("\n# ").append(backend).append(": sticky by an inserted cookie (").append(what).append(")\n")
                .append("backend ").append(backend).append('\n')
                .append("    balance roundrobin\n")
                .append("    cookie ").append(STICKY_COOKIE).append(" insert indirect nocache\n")
                .append("    option httpchk GET ").append(healthPath).append('\n')
                .append("    http-check expect status 200\n")
                .append("    default-server check inter 1s fall 2 rise 2\n");
        for (HaproxyConfig.Server server : servers) {
            text.append("    server ").append(server.name()).append(" 127.0.0.1:").append(server.port())
                    .append(" cookie ").append(server.name()).append('\n');
        }
    }

    List<ClusteredMicro> nodes() {
        return List.copyOf(nodes);
    }

    List<Long> nodePids() {
        return nodes.stream().map(ManagedProcess::pid).toList();
    }

    /** The WildFly servers, wf-1 first (empty if the run has no {@code wildfly} configuration). */
    List<WildFlyServer> wildfly() {
        return wildfly == null ? List.of() : wildfly.servers();
    }

    /** The JVMs, broker and replication ports that {@code config} runs on. */
    Serving serving(Config config) {
        return switch (config.servers()) {
            case PAYARA_MICRO -> new Serving(nodePids(), Optional.of(broker.pid()), brokerPorts(), hazelcastPorts());
            case WILDFLY -> {
                if (wildfly == null) {
                    throw new IllegalStateException("The WildFly pair was not started");
                }
                yield new Serving(wildfly.pids(), Optional.empty(), Set.of(), wildfly.jgroupsPorts());
            }
        };
    }

    BrokerProcess broker() {
        return broker;
    }

    InetSocketAddress lbAddress() {
        return new InetSocketAddress(Loopback.ADDRESS, haproxy.port());
    }

    static InetSocketAddress address(ClusteredMicro node) {
        return new InetSocketAddress(Loopback.ADDRESS, node.httpPort());
    }

    static InetSocketAddress address(WildFlyServer server) {
        return WildFlyPair.address(server);
    }

    /** The ports of the replication channels: the broker's, and the Payara nodes' Hazelcast ports. */
    Set<Integer> brokerPorts() {
        return Set.of(broker.port());
    }

    Set<Integer> hazelcastPorts() {
        return Set.copyOf(hazelcastPorts);
    }

    HaproxyProcess haproxy() {
        return haproxy;
    }

    /** Stops HAProxy, the WildFly servers, the nodes and the broker, by PID, in that order. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            ManagedProcess process = started.get(i);
            try {
                process.stop(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                System.err.println("Cannot stop " + process + ": " + e.getMessage());
            }
        }
        started.clear();
    }
}
