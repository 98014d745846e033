package dev.understudy.demo.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Payara Micro nodes set up the way users are told to (server-configs/payara-micro/README.md): the shipped
 * post-boot file, unchanged, deploys the RAR and binds the connection factory; what differs per node comes from
 * the command line and the environment:
 *
 * <ul>
 *   <li>{@code -Dunderstudy.nodeId} (the node's name), {@code -Dunderstudy.brokerUrl}, {@code -Dunderstudy.rar}
 *       (the RAR), {@code -Dunderstudy.clusterName} (unique per run), {@code -Dunderstudy.deserializationAllowList}
 *       (the application's values added, as the README tells users to add theirs);</li>
 *   <li>the route secret in {@code UNDERSTUDY_ROUTE_SECRET} (hex), read by the file as
 *       {@code ${ENV=UNDERSTUDY_ROUTE_SECRET}};</li>
 *   <li>the node's broker login, {@code understudy.user} and {@code understudy.password}, from a file readable by
 *       the node's owner only ({@link PayaraMicroNode.Builder#secretSystemProperty}), never on the command
 *       line;</li>
 *   <li>short timings, so that failures are noticed within a test's (or a demo watcher's) patience: heartbeat
 *       {@value #HEARTBEAT_MILLIS} ms, failure timeout {@value #FAILURE_TIMEOUT_MILLIS} ms, fetch timeout
 *       {@value #FETCH_TIMEOUT_MILLIS} ms (SYNC timeout left at its default of 10 s: a loaded machine must not
 *       turn a slow acknowledgement into an error).</li>
 * </ul>
 * The adapter logs each override at start ({@code US-C010}).
 *
 * @param resourceAdapter the RAR ({@code understudy-rar.rar})
 * @param postBootCommands the lines of the shipped post-boot file
 * @param brokerUrl the broker's core-client URL, e.g. {@code tcp://127.0.0.1:61616}
 * @param clusterName the adapter's cluster name, {@code [a-z0-9-]{1,32}}
 * @param routeSecret the cookie MAC key, the same on every node (hex)
 * @param allowList the deserialization allow-list (the adapter's default plus the application's packages)
 * @param credentials the nodes' broker logins ({@link BrokerProcess#credentials()}); {@code null} only for an
 *        external broker without security
 */
public record UnderstudyNodes(Path resourceAdapter, List<String> postBootCommands, String brokerUrl,
        String clusterName, String routeSecret, String allowList, BrokerCredentials credentials) {
    public static final long HEARTBEAT_MILLIS = 250;
    public static final long FAILURE_TIMEOUT_MILLIS = 2_000;
    public static final long FETCH_TIMEOUT_MILLIS = 2_000;
    /** A Micro with the RAR and a WAR: ~10 s on the 2-core machine, much more while the machine is busy. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

    public UnderstudyNodes {
        postBootCommands = List.copyOf(postBootCommands);
    }

    /** The lines of a post-boot file, e.g. the shipped {@code server-configs/payara-micro/post-boot-commands.asadmin}. */
    public static List<String> readPostBootCommands(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * {@code base} (its name is the node id) set up as an Understudy node deploying {@code war} after the RAR,
     * ready when the WAR's {@code readinessPath} answers 200 (give one that needs the adapter).
     */
    public PayaraMicroNode.Builder node(PayaraMicroNode.Builder base, Path war, String readinessPath) {
        String nodeId = base.name();
        PayaraMicroNode.Builder builder = base
                .systemProperty("understudy.nodeId", nodeId)
                .systemProperty("understudy.brokerUrl", brokerUrl)
                .systemProperty("understudy.rar", resourceAdapter.toString())
                .systemProperty("understudy.clusterName", clusterName)
                .systemProperty("understudy.heartbeatIntervalMillis", Long.toString(HEARTBEAT_MILLIS))
                .systemProperty("understudy.failureTimeoutMillis", Long.toString(FAILURE_TIMEOUT_MILLIS))
                .systemProperty("understudy.fetchTimeoutMillis", Long.toString(FETCH_TIMEOUT_MILLIS))
                .systemProperty("understudy.deserializationAllowList", allowList)
                .environment("UNDERSTUDY_ROUTE_SECRET", routeSecret)
                .deploy(war)
                .readiness(readinessPath, 200)
                .startupTimeout(STARTUP_TIMEOUT);
        if (credentials != null) {
            BrokerCredentials.Login login = credentials.node(nodeId);
            builder.secretSystemProperty("understudy.user", login.user())
                    .secretSystemProperty("understudy.password", login.password());
        }
        for (String line : postBootCommands) {
            builder.postBootCommand(line);
        }
        return builder;
    }

    /** A cluster name ({@code [a-z0-9-]{1,32}}) no other build, test class or demo run on this host uses. */
    public static String uniqueClusterName(String prefix) {
        String name = prefix + "-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
                + Long.toString(System.currentTimeMillis(), 36);
        return name.length() <= 32 ? name : name.substring(name.length() - 32);
    }
}
