package dev.understudy.it.support;

import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import java.nio.file.Path;

/**
 * The demo's process machinery with the tests' paths ({@link ItSettings}): Payara Micro from {@code target/payara},
 * files under {@code target/cluster}, PID files under {@code target/it-processes}, the broker JVM on the test class
 * path. Start them through {@code ClusterFixture}, which stops them after the test.
 */
public final class ItProcesses {
    /**
     * The deserialization allow-list of the test nodes: the default plus the test application's packages (its
     * session values, e.g. ActivationProbe).
     */
    public static final String ALLOW_LIST = "java.lang.*;java.util.*;java.time.*;dev.understudy.it.**;!*";
    /** The system property naming the node inside its Micro, which {@code PingServlet} reports. */
    public static final String NODE_PROPERTY = "understudy.it.node";

    private ItProcesses() {
    }

    /** A plain Payara Micro node called {@code name} (readiness and deployments still to give). */
    public static PayaraMicroNode.Builder node(String name) {
        return PayaraMicroNode.builder(name, ItSettings.payaraMicroJar(), ItSettings.workspace())
                .systemProperty(NODE_PROPERTY, name);
    }

    /**
     * Starts a secured broker process on {@code port} (0: a free one) for the cluster and nodes of
     * {@code credentials} (e.g. {@code BrokerCredentials.generate(clusterName, List.of("node-a", "node-b"))});
     * returns once it accepts connections.
     */
    public static BrokerProcess broker(int port, BrokerCredentials credentials) {
        return BrokerProcess.start(ItSettings.workspace(), ItSettings.testClasspath(), port, credentials);
    }

    /**
     * An Understudy node called {@code nodeId} (the shipped post-boot file, the RAR from {@code target/payara},
     * {@code broker} and the node's login there, the test allow-list) deploying {@code war}, ready when
     * {@code readinessPath} answers 200.
     */
    public static PayaraMicroNode.Builder understudyNode(String nodeId, BrokerProcess broker, String clusterName,
            String routeSecret, Path war, String readinessPath) {
        UnderstudyNodes nodes = new UnderstudyNodes(ItSettings.resourceAdapterArchive(),
                UnderstudyNodes.readPostBootCommands(ItSettings.shippedPostBootCommands()), broker.url(), clusterName,
                routeSecret, ALLOW_LIST, broker.credentials());
        return nodes.node(node(nodeId), war, readinessPath);
    }
}
