package dev.understudy.it.cluster;

import dev.understudy.it.support.ItSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Payara Micro nodes set up the way users are told to (server-configs/payara-micro/README.md): the shipped
 * post-boot file, unchanged, deploys the RAR and binds the connection factory; what differs per node comes from
 * the command line and the environment:
 *
 * <ul>
 *   <li>{@code -Dunderstudy.nodeId}, {@code -Dunderstudy.brokerUrl} (the test's broker process),
 *       {@code -Dunderstudy.rar} (the RAR copied to {@code target/payara}), {@code -Dunderstudy.clusterName}
 *       (unique per test run), {@code -Dunderstudy.deserializationAllowList} ({@value #ALLOW_LIST}: the test
 *       application's values, as the README tells users to add theirs);</li>
 *   <li>the route secret in {@code UNDERSTUDY_ROUTE_SECRET} (hex), read by the file as
 *       {@code ${ENV=UNDERSTUDY_ROUTE_SECRET}};</li>
 *   <li>short timings, so that failures are noticed within the test's patience: heartbeat
 *       {@value #HEARTBEAT_MILLIS} ms, failure timeout {@value #FAILURE_TIMEOUT_MILLIS} ms, fetch timeout
 *       {@value #FETCH_TIMEOUT_MILLIS} ms (SYNC timeout left at its default of 10 s: a loaded machine must not
 *       turn a slow acknowledgement into an error).</li>
 * </ul>
 * The adapter logs each override at start ({@code US-C010}).
 */
public final class UnderstudyNodes {
    public static final long HEARTBEAT_MILLIS = 250;
    public static final long FAILURE_TIMEOUT_MILLIS = 2_000;
    public static final long FETCH_TIMEOUT_MILLIS = 2_000;
    /** The default allow-list plus the test application's packages (its session values, e.g. ActivationProbe). */
    public static final String ALLOW_LIST = "java.lang.*;java.util.*;java.time.*;dev.understudy.it.**;!*";
    /** A Micro with the RAR and a WAR: ~10 s on the 2-core machine, much more while the machine is busy. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

    private UnderstudyNodes() {
    }

    /**
     * A node called {@code nodeId} (also the Micro's name) deploying {@code war} after the RAR, ready when the
     * WAR's {@code readinessPath} answers 200 (give one that needs the adapter, e.g. {@code AdapterHealthServlet}).
     */
    public static PayaraMicroNode.Builder node(String nodeId, BrokerProcess broker, String clusterName,
            String routeSecret, Path war, String readinessPath) {
        PayaraMicroNode.Builder builder = PayaraMicroNode.builder(nodeId)
                .systemProperty("understudy.nodeId", nodeId)
                .systemProperty("understudy.brokerUrl", broker.url())
                .systemProperty("understudy.rar", ItSettings.resourceAdapterArchive().toString())
                .systemProperty("understudy.clusterName", clusterName)
                .systemProperty("understudy.heartbeatIntervalMillis", Long.toString(HEARTBEAT_MILLIS))
                .systemProperty("understudy.failureTimeoutMillis", Long.toString(FAILURE_TIMEOUT_MILLIS))
                .systemProperty("understudy.fetchTimeoutMillis", Long.toString(FETCH_TIMEOUT_MILLIS))
                .systemProperty("understudy.deserializationAllowList", ALLOW_LIST)
                .environment("UNDERSTUDY_ROUTE_SECRET", routeSecret)
                .deploy(war)
                .readiness(readinessPath, 200)
                .startupTimeout(STARTUP_TIMEOUT);
        for (String line : shippedPostBootCommands()) {
            builder.postBootCommand(line);
        }
        return builder;
    }

    /** A cluster name ({@code [a-z0-9-]{1,32}}) no other build or test class on this host uses. */
    public static String uniqueClusterName(String prefix) {
        String name = prefix + "-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
                + Long.toString(System.currentTimeMillis(), 36);
        return name.length() <= 32 ? name : name.substring(name.length() - 32);
    }

    private static java.util.List<String> shippedPostBootCommands() {
        try {
            return Files.readAllLines(ItSettings.shippedPostBootCommands());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
