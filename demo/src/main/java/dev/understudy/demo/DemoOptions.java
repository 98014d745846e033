package dev.understudy.demo;

import dev.understudy.demo.cluster.HaproxyConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's command line, parsed and validated once ({@link #parse}): every value in range, every port distinct.
 * Options take their value as the next argument or after {@code =} ({@code --nodes 5}, {@code --nodes=5}).
 *
 * @param nodes how many Payara Micro nodes (1 to {@value #MAX_NODES})
 * @param lbMode how HAProxy routes: by the cookie's route, or by a hash of the session id
 * @param lbPort HAProxy's port
 * @param basePort the first node's HTTP port; node {@code i} gets {@code basePort + i - 1}
 * @param brokerPort the embedded broker's port (unused with {@code brokerUrl}); with {@code brokerHa} the primary's,
 *        the backup's is the next one
 * @param brokerHa {@code --broker ha}: a replicated primary/backup pair of brokers instead of one
 * @param brokerUrl an external broker ({@code tcp://host:port}) instead of the embedded one
 * @param brokerCredentials with {@code brokerUrl}: a properties file with the cluster name and each node's login
 * @param hazelcastPort the first node's port for Payara's own Hazelcast (loopback, a group of its own)
 * @param mode the replication mode: SYNC, ASYNC or BATCH
 * @param scenario a scripted story to run once the cluster is up, then stop
 * @param sessions how many sessions the failover scenario creates
 * @param war the application to deploy (default: the sample shop built with the demo)
 * @param startupTimeout how long a node may take to get ready
 * @param help {@code --help}: print {@link #usage()} and exit
 */
public record DemoOptions(int nodes, HaproxyConfig.Mode lbMode, int lbPort, int basePort, int brokerPort,
        boolean brokerHa, Optional<URI> brokerUrl, Optional<Path> brokerCredentials, int hazelcastPort, String mode, Optional<Scenario> scenario, int sessions,
        Optional<Path> war, Duration startupTimeout, boolean help) {
    public static final int MAX_NODES = 16;
    public static final int DEFAULT_NODES = 3;
    public static final int DEFAULT_LB_PORT = HaproxyConfig.EXAMPLE_LB_PORT;
    public static final int DEFAULT_BASE_PORT = HaproxyConfig.EXAMPLE_BASE_PORT;
    public static final int DEFAULT_BROKER_PORT = 61716;
    public static final int DEFAULT_HAZELCAST_PORT = 16901;
    public static final int DEFAULT_SESSIONS = 100;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(150);
    private static final List<String> MODES = List.of("SYNC", "ASYNC", "BATCH");

    /** The scripted stories of {@code --scenario}. */
    public enum Scenario {
        /** Create sessions, kill -9 the node that is primary for the most, continue, judge every reply. */
        FAILOVER;

        static Scenario parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown scenario: " + text + " (there is: failover)");
            }
        }
    }

    /** The options with every default: three nodes, route mode, SYNC, the embedded broker, no scenario. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_NODES, HaproxyConfig.Mode.ROUTE, DEFAULT_LB_PORT, DEFAULT_BASE_PORT,
                DEFAULT_BROKER_PORT, false, Optional.empty(), Optional.empty(), DEFAULT_HAZELCAST_PORT, "SYNC", Optional.empty(),
                DEFAULT_SESSIONS, Optional.empty(), DEFAULT_STARTUP_TIMEOUT, false);
    }

    /** Parses and validates {@code args}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static DemoOptions parse(String... args) {
        DemoOptions defaults = defaults();
        int nodes = defaults.nodes;
        HaproxyConfig.Mode lbMode = defaults.lbMode;
        int lbPort = defaults.lbPort;
        int basePort = defaults.basePort;
        int brokerPort = defaults.brokerPort;
        boolean brokerHa = defaults.brokerHa;
        Optional<URI> brokerUrl = Optional.empty();
        Optional<Path> brokerCredentials = Optional.empty();
        int hazelcastPort = defaults.hazelcastPort;
        String mode = defaults.mode;
        Optional<Scenario> scenario = Optional.empty();
        int sessions = defaults.sessions;
        Optional<Path> war = Optional.empty();
        Duration startupTimeout = defaults.startupTimeout;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            String name = argument;
            String value = null;
            int equals = argument.indexOf('=');
            if (argument.startsWith("--") && equals > 0) {
                name = argument.substring(0, equals);
                value = argument.substring(equals + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + argument);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--nodes" -> nodes = number(name, value, 1, MAX_NODES);
                case "--lb" -> lbMode = HaproxyConfig.Mode.parse(value);
                case "--lb-port" -> lbPort = port(name, value);
                case "--base-port" -> basePort = port(name, value);
                case "--broker-port" -> brokerPort = port(name, value);
                case "--broker" -> brokerHa = brokerKind(value);
                case "--broker-url" -> brokerUrl = Optional.of(brokerUrl(value));
                case "--broker-credentials" -> brokerCredentials = Optional.of(Path.of(value));
                case "--hazelcast-port" -> hazelcastPort = port(name, value);
                case "--mode" -> mode = mode(value);
                case "--scenario" -> scenario = Optional.of(Scenario.parse(value));
                case "--sessions" -> sessions = number(name, value, 1, 100_000);
                case "--war" -> war = Optional.of(Path.of(value));
                case "--startup-timeout" -> startupTimeout = Duration.ofSeconds(number(name, value, 10, 3600));
                default -> throw new IllegalArgumentException("Unknown option: " + name);
            }
        }
        DemoOptions options = new DemoOptions(nodes, lbMode, lbPort, basePort, brokerPort, brokerHa, brokerUrl,
                brokerCredentials, hazelcastPort,
                mode, scenario, sessions, war, startupTimeout, help);
        if (!help) {
            options.validate();
        }
        return options;
    }

    /** Node {@code i}'s HTTP port (1-based). */
    public int nodePort(int i) {
        return basePort + i - 1;
    }

    /** Node {@code i}'s Hazelcast port (1-based). */
    public int nodeHazelcastPort(int i) {
        return hazelcastPort + i - 1;
    }

    /** True unless {@code --broker-url} names an external broker. */
    public boolean embeddedBroker() {
        return brokerUrl.isEmpty();
    }

    /** Every port this run binds on 127.0.0.1, with what it is for, in start order. */
    public Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        if (embeddedBroker()) {
            claim(ports, clashes, brokerPort, brokerHa ? "the primary broker, --broker-port" : "the broker, --broker-port");
            if (brokerHa) {
                claim(ports, clashes, brokerPort + 1, "the backup broker, --broker-port + 1");
            }
        }
        for (int i = 1; i <= nodes; i++) {
            claim(ports, clashes, nodePort(i), "node-" + i + " HTTP, --base-port");
            claim(ports, clashes, nodeHazelcastPort(i), "node-" + i + " Hazelcast, --hazelcast-port");
        }
        claim(ports, clashes, lbPort, "HAProxy, --lb-port");
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("Ports overlap: " + String.join("; ", clashes));
        }
        return ports;
    }

    /** The {@code --help} text. */
    public static String usage() {
        return """
                Usage: java -jar demo/target/understudy-demo.jar [options]

                Starts an Understudy cluster on 127.0.0.1: an Artemis broker, Payara Micro nodes with the resource
                adapter and the sample shop, and HAProxy in front; shows their status until Ctrl-C, which stops
                them all. With --scenario failover it runs a scripted failover instead and exits 0 only if no
                acknowledged update was lost.

                Options:
                  --nodes N              Payara Micro nodes (default 3, at most 16)
                  --lb route|hash        route: HAProxy sends a session to its primary, else its secondary
                                         (plug-in path); hash: sticky by a hash of the session id, another node
                                         fetches the session after a failure (hardware path). Default route
                  --mode SYNC|ASYNC|BATCH  replication mode (default SYNC)
                  --scenario failover    create sessions, kill -9 the busiest primary, continue, print a verdict
                  --sessions N           sessions of the failover scenario (default 100)
                  --lb-port P            HAProxy's port (default 18080)
                  --base-port P          first node's HTTP port; node i gets P+i-1 (default 18081)
                  --hazelcast-port P     first node's port for Payara's own Hazelcast (default 16901)
                  --broker-port P        the embedded broker's port (default 61716)
                  --broker single|ha     one broker (default), or a replicated primary/backup pair (primary on
                                         --broker-port, backup on the next port; server-configs/artemis/README.md)
                  --broker-url URL       use a running broker (tcp://host:port) instead of starting one
                  --broker-credentials FILE  with --broker-url, for a secured broker: a properties file (chmod
                                         600) with cluster=<name> (the cluster its security settings name) and,
                                         for each node, node-<i>.user=... and node-<i>.password=...
                  --war FILE             deploy this WAR instead of the sample shop (it must serve
                                         /sample/api/health and /sample/api/counter)
                  --startup-timeout S    seconds a node may take to get ready (default 150)
                  --help                 this text

                Files: the artifacts next to the jar (demo/target/artifacts), every process's directory and log
                under target/cluster/<run>/ of the working directory, the running cluster in
                target/cluster/cluster.json.
                """;
    }

    private void validate() {
        if (brokerHa && brokerUrl.isPresent()) {
            throw new IllegalArgumentException("--broker ha starts the demo's own pair; it does not go with --broker-url"
                    + " (name both brokers of an external pair in the URL instead)");
        }
        if (brokerCredentials.isPresent() && brokerUrl.isEmpty()) {
            throw new IllegalArgumentException("--broker-credentials goes with --broker-url: the demo's own broker"
                    + " makes its users itself");
        }
        if (scenario.isPresent() && nodes < 2) {
            throw new IllegalArgumentException("The failover scenario needs at least 2 nodes (--nodes)");
        }
        if (nodePort(nodes) > 65535 || nodeHazelcastPort(nodes) > 65535) {
            throw new IllegalArgumentException("--base-port/--hazelcast-port too high for " + nodes + " nodes");
        }
        ports();
    }

    private static void claim(Map<Integer, String> ports, List<String> clashes, int port, String what) {
        String previous = ports.putIfAbsent(port, what);
        if (previous != null) {
            clashes.add(port + " is both " + previous + " and " + what);
        }
    }

    private static int number(String name, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number: " + value);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return number;
    }

    private static int port(String name, String value) {
        return number(name, value, 1, 65535);
    }

    private static String mode(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!MODES.contains(upper)) {
            throw new IllegalArgumentException("--mode must be SYNC, ASYNC or BATCH: " + value);
        }
        return upper;
    }

    private static boolean brokerKind(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "single" -> false;
            case "ha" -> true;
            default -> throw new IllegalArgumentException("--broker takes single or ha, not " + value);
        };
    }

    private static URI brokerUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new IllegalArgumentException("--broker-url must be tcp://host:port: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--broker-url must be tcp://host:port: " + value);
        }
    }
}
