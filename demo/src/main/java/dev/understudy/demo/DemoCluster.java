package dev.understudy.demo;

import static dev.understudy.demo.StartupMessages.firstLine;
import static dev.understudy.demo.StartupMessages.since;
import static dev.understudy.demo.StartupMessages.tail;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SampleReply;
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
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.ProcessRegistry;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The demo's processes: a broker (unless external), the Payara Micro nodes, HAProxy — started one after another
 * with progress lines ({@link #start()}), and stopped by PID in the reverse order ({@link #close()}: HAProxy, the
 * nodes, the broker), whatever state the start reached. Once {@link #close()} began, nothing new is started: a
 * process that comes up meanwhile is stopped at once. Every child runs in a session of its own, so Ctrl-C reaches
 * the demo only, which then stops them in order.
 */
final class DemoCluster implements AutoCloseable {
    /** The sample's health resource: 200 only when the node's adapter works. */
    static final String HEALTH_PATH = HaproxyConfig.HEALTH_PATH;
    /** The sample's counter. */
    static final String COUNTER_PATH = "/sample/api/counter";
    /** The adapter's default allow-list plus the sample's packages. */
    static final String ALLOW_LIST = "java.lang.*;java.util.*;java.util.concurrent.*;java.util.concurrent.atomic.*;"
            + "java.time.*;java.math.*;java.net.URI;java.net.URL;dev.understudy.sample.**;!*";
    /** Earlier runs' directories kept for their logs. */
    static final int KEPT_RUNS = 3;
    private static final Duration PAIRING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LB_TIMEOUT = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final Artifacts artifacts;
    private final Console console;
    private final Path clusterDirectory;
    private final Workspace workspace;
    private final String clusterName;
    /** The nodes' broker logins: fresh for the demo's own broker, from --broker-credentials for an external one. */
    private final BrokerCredentials credentials;
    private final String routeSecret = RouteCookie.randomSecret();
    private final List<PayaraMicroNode> nodes = new ArrayList<>();
    private BrokerProcess broker;
    /** With --broker ha: the pair ({@link #broker} is its primary). */
    private BrokerPair pair;
    private HaproxyProcess haproxy;
    private boolean closing;
    private Path clusterJson;

    DemoCluster(DemoOptions options, Artifacts artifacts, Console console, Path clusterDirectory) {
        this.options = options;
        this.artifacts = artifacts;
        this.console = console;
        this.clusterDirectory = clusterDirectory.toAbsolutePath();
        String run = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.workspace = new Workspace(this.clusterDirectory.resolve(run), this.clusterDirectory.resolve("processes"),
                true);
        List<String> ids = IntStream.rangeClosed(1, options.nodes()).mapToObj(i -> "node-" + i).toList();
        String unique = UnderstudyNodes.uniqueClusterName("demo");
        this.credentials = options.brokerCredentials().map(file -> readCredentials(file, ids)).orElse(
                options.embeddedBroker() ? BrokerCredentials.generate(unique, ids) : null);
        this.clusterName = credentials != null ? credentials.cluster() : unique;
    }

    private static BrokerCredentials readCredentials(Path file, List<String> ids) {
        try {
            return BrokerCredentials.read(file, ids);
        } catch (IllegalArgumentException e) {
            throw new DemoException(e.getMessage());
        }
    }

    /** The run's directory: every process's directory and log. */
    Path runDirectory() {
        return workspace.runDirectory();
    }

    /**
     * Ends what an earlier demo left running (killed by SIGKILL), removes the directories of all but the
     * {@value #KEPT_RUNS} latest earlier runs (~45 MB each), then checks every port is free.
     */
    void checkPorts() {
        for (String leftover : ProcessRegistry.reapLeftovers(workspace.pidDirectory())) {
            console.info("Killed a process an earlier demo left running (SIGKILL): pid " + leftover);
        }
        EarlierRuns.prune(clusterDirectory, workspace.runDirectory(), KEPT_RUNS, console);
        List<String> taken = new ArrayList<>();
        for (Map.Entry<Integer, String> port : options.ports().entrySet()) {
            if (!FreePorts.isFree(port.getKey())) {
                taken.add(port.getKey() + " (" + port.getValue() + ")");
            }
        }
        if (!taken.isEmpty()) {
            throw new DemoException("Port" + (taken.size() == 1 ? " " : "s ") + String.join(", ", taken)
                    + (taken.size() == 1 ? " is" : " are") + " already in use on " + Loopback.ADDRESS
                    + ". Stop what listens there (ss -ltnp shows it), or choose other ports with the option named.");
        }
    }

    /** Starts everything, one after another; throws {@link DemoException} (after stopping what started) on failure. */
    void start(Path haproxyBinary) {
        DemoBroker.Started started = new DemoBroker(options, workspace, credentials, clusterName, console, this::own)
                .start();
        broker = started.broker();
        pair = started.pair();
        String brokerUrl = started.url();
        UnderstudyNodes understudy = new UnderstudyNodes(artifacts.resourceAdapter(),
                UnderstudyNodes.readPostBootCommands(artifacts.postBootCommands()), brokerUrl, clusterName, routeSecret,
                ALLOW_LIST, credentials);
        for (int i = 1; i <= options.nodes(); i++) {
            startNode(understudy, i);
        }
        awaitPairing();
        startHaproxy(haproxyBinary);
    }

    private void startNode(UnderstudyNodes understudy, int i) {
        String id = "node-" + i;
        Topology topology = Topology.of(i);
        PayaraMicroNode.Builder builder = PayaraMicroNode.builder(id, artifacts.payaraMicro(), workspace)
                .httpPort(options.nodePort(i))
                .hazelcastPort(options.nodeHazelcastPort(i))
                .heapMegabytes(384)
                .systemProperty("understudy.machine", topology.machine())
                .systemProperty("understudy.rack", topology.rack())
                .systemProperty("understudy.zone", topology.zone())
                .systemProperty("understudy.mode", options.mode());
        builder = understudy.node(builder, artifacts.war(), HEALTH_PATH).startupTimeout(options.startupTimeout());
        console.info("Starting " + id + " (" + topology + ") on " + Loopback.ADDRESS + ":" + options.nodePort(i)
                + " ...");
        long start = System.nanoTime();
        PayaraMicroNode node;
        try {
            node = builder.start();
        } catch (RuntimeException e) {
            throw new DemoException(StartupMessages.notReady(id, options.nodePort(i), HEALTH_PATH,
                    options.startupTimeout(), e));
        }
        own(node);
        synchronized (this) {
            nodes.add(node);
        }
        console.info(id + " ready in " + since(start) + " (pid " + node.pid() + ", " + node.httpUrl() + HEALTH_PATH
                + " answers 200)");
    }

    /**
     * Waits until a session created on each node is backed by a secondary — the nodes see each other through the
     * broker — and shows whom each node chose (another zone first).
     */
    private void awaitPairing() {
        if (options.nodes() < 2) {
            return;
        }
        long start = System.nanoTime();
        for (PayaraMicroNode node : nodes()) {
            String[] secondary = new String[1];
            try {
                Poll.until(node.name() + " choosing a secondary", PAIRING_TIMEOUT, Duration.ofMillis(250), () -> {
                    if (!node.isAlive()) {
                        throw new IllegalStateException(node.name() + " exited");
                    }
                    try {
                        SessionClient.Reply reply = new SessionClient().post(node.url(COUNTER_PATH));
                        secondary[0] = reply.status() == 200 ? SampleReply.parse(reply.body()).secondary() : null;
                    } catch (IOException | IllegalArgumentException e) {
                        secondary[0] = null; // not ready yet, or not the sample's JSON: try again
                    }
                    return secondary[0] != null && !secondary[0].isEmpty();
                });
            } catch (RuntimeException e) {
                throw new DemoException(node.name() + " found no secondary for a new session within "
                        + PAIRING_TIMEOUT.toSeconds() + " s (" + firstLine(e.getMessage()) + "): the nodes do not see"
                        + " each other through the broker. See " + node.logFile());
            }
            console.info("Cluster: a new session on " + describe(node.name()) + " is backed by "
                    + describe(secondary[0]));
        }
        console.info("Cluster formed in " + since(start));
    }

    private void startHaproxy(Path binary) {
        List<HaproxyConfig.Server> servers = HaproxyConfig.servers(options.nodes(), options.basePort());
        String config = HaproxyConfig.render(options.lbMode(), options.lbPort(), servers);
        console.info("Starting HAProxy (" + options.lbMode().label() + " mode) on " + Loopback.ADDRESS + ":"
                + options.lbPort() + " ...");
        long start = System.nanoTime();
        HaproxyProcess started;
        try {
            started = HaproxyProcess.start(binary, workspace, config, options.lbPort(), LB_TIMEOUT);
        } catch (RuntimeException e) {
            throw new DemoException("HAProxy did not start: " + firstLine(e.getMessage()) + "\n" + tail(e));
        }
        own(started);
        haproxy = started;
        URI health = lbUrl().resolve(HEALTH_PATH);
        try {
            Poll.until("HAProxy passing " + health + " to a node", LB_TIMEOUT, Duration.ofMillis(200),
                    () -> Http.status(health, Duration.ofSeconds(2)).orElse(0) == 200);
        } catch (RuntimeException e) {
            throw new DemoException(firstLine(e.getMessage()) + ". See " + started.logFile());
        }
        var notLoopback = ListeningSockets.of(started.pid()).stream().filter(socket -> !socket.isLoopback()).toList();
        if (!notLoopback.isEmpty()) {
            console.warn("HAProxy listens beyond loopback: " + notLoopback);
        }
        console.info("HAProxy ready in " + since(start) + " (pid " + started.pid() + ", " + lbUrl() + ")");
    }

    /** Writes {@code target/cluster/cluster.json}; removed again by {@link #close()}. */
    void writeClusterJson() throws IOException {
        List<ClusterJson.Node> entries = new ArrayList<>();
        for (PayaraMicroNode node : nodes()) {
            entries.add(new ClusterJson.Node(node.name(), node.pid(), node.httpUrl().toString()));
        }
        Path file = clusterDirectory.resolve("cluster.json");
        new ClusterJson(entries, lbUrl().toString(), brokerUrl()).write(file);
        clusterJson = file;
    }

    /** The path of cluster.json once written. */
    Path clusterJson() {
        return clusterJson;
    }

    synchronized List<PayaraMicroNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node called {@code id}. */
    PayaraMicroNode node(String id) {
        return nodes().stream().filter(node -> node.name().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + id));
    }

    URI lbUrl() {
        return URI.create("http://" + Loopback.ADDRESS + ":" + options.lbPort());
    }

    String brokerUrl() {
        return pair != null ? pair.url() : broker != null ? broker.url()
                : options.brokerUrl().map(URI::toString).orElse("");
    }

    BrokerProcess broker() {
        return broker;
    }

    HaproxyProcess haproxy() {
        return haproxy;
    }

    synchronized boolean isClosing() {
        return closing;
    }

    /**
     * Stops HAProxy, then the nodes newest first (SIGTERM: each leaves gracefully; SIGKILL after the grace period),
     * then the broker, saying so; removes cluster.json. Idempotent; safe from a shutdown hook.
     */
    @Override
    public void close() {
        List<PayaraMicroNode> toStop;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            toStop = new ArrayList<>(nodes);
        }
        if (clusterJson != null) {
            try {
                Files.deleteIfExists(clusterJson);
            } catch (IOException e) {
                console.warn("Cannot delete " + clusterJson + ": " + e.getMessage());
            }
        }
        boolean any = haproxy != null || !toStop.isEmpty() || broker != null;
        if (any) {
            console.info("Stopping the cluster (by PID) ...");
        }
        stop(haproxy, "HAProxy");
        // newest first, one at a time: each leaves gracefully, handing its sessions to a node still running
        for (int i = toStop.size() - 1; i >= 0; i--) {
            stop(toStop.get(i), toStop.get(i).name());
        }
        // a node still starting (Ctrl-C during its boot) is known to the registry only
        for (ManagedProcess starting : ProcessRegistry.live()) {
            if (starting != broker && (pair == null || starting != pair.backup()) && starting.isAlive()) {
                stop(starting, starting.name() + " (still starting)");
            }
        }
        if (pair != null) {
            stop(pair.backup(), "the backup broker");
        }
        stop(broker, pair != null ? "the primary broker" : "the broker");
        List<ManagedProcess> left = ProcessRegistry.live().stream().filter(ManagedProcess::isAlive).toList();
        if (any) {
            console.info(left.isEmpty() ? "Everything stopped; logs are under " + runDirectory()
                    : "Still running, killed next: " + left);
        }
    }

    private void stop(ManagedProcess process, String what) {
        if (process == null) {
            return;
        }
        if (!process.isAlive()) {
            console.info(what + " (pid " + process.pid() + ") was already gone");
            process.stop(); // unregisters it
            return;
        }
        long start = System.nanoTime();
        process.stop();
        console.info("Stopped " + what + " (pid " + process.pid() + ") in " + since(start));
    }

    /** Keeps {@code process} to stop later, or stops it now if the cluster is closing meanwhile. */
    private void own(ManagedProcess process) {
        boolean late;
        synchronized (this) {
            late = closing;
        }
        if (late) {
            process.stop();
            throw new DemoException("Stopped while starting");
        }
    }

    /** {@code node-2 (machine m2, rack r1, zone z2)}; the id alone if it is not one of the demo's. */
    private String describe(String id) {
        if (id.matches("node-\\d{1,2}")) {
            int i = Integer.parseInt(id.substring("node-".length()));
            if (i >= 1 && i <= options.nodes()) {
                return id + " (" + Topology.of(i) + ")";
            }
        }
        return id;
    }
}
