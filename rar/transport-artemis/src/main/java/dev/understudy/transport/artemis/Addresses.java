package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.CoreNotificationType;

/**
 * The broker names of one cluster. Built only from a validated cluster name ({@code [a-z0-9-]{1,32}}) and
 * validated {@link NodeId}s, so no name can carry a wildcard ({@code # *}), a separator ({@code .}) or a quote
 * into an address or a filter.
 *
 * <pre>
 * understudy.&lt;cluster&gt;.node.&lt;node&gt;          MULTICAST address: frames for one node
 * understudy.&lt;cluster&gt;.node.&lt;node&gt;.&lt;n&gt;      one connection's temporary subscription queue on it
 * understudy.&lt;cluster&gt;.node.&lt;node&gt;.&lt;n&gt;.lifeline   the node's lifeline on it (matches no frame)
 * understudy.&lt;cluster&gt;.members                MULTICAST address: broadcasts
 * understudy.&lt;cluster&gt;.members.&lt;node&gt;.&lt;n&gt;   one connection's temporary subscription queue on it
 * understudy.&lt;cluster&gt;.watch.&lt;node&gt;.&lt;n&gt;     that node's temporary queue on the broker's notifications
 * </pre>
 */
final class Addresses {
    static final String LIFELINE_SUFFIX = ".lifeline";
    private final String cluster;
    private final String nodePrefix;
    private final SimpleString members;
    private final ConcurrentMap<NodeId, SimpleString> nodeQueues = new ConcurrentHashMap<>();

    Addresses(String cluster) {
        this.cluster = cluster;
        this.nodePrefix = "understudy." + cluster + ".node.";
        this.members = SimpleString.of("understudy." + cluster + ".members");
    }

    /** The address frames for {@code node} go to. */
    SimpleString nodeAddress(NodeId node) {
        return nodeQueues.computeIfAbsent(node, n -> SimpleString.of(nodePrefix + n.value()));
    }

    /**
     * One connection's subscription to {@link #nodeAddress}: {@code incarnation} keeps it unique, so a node
     * restarted after a crash gets every frame at once, while the broker still holds its dead predecessor's
     * queue and consumer until the connection TTL (a shared queue would hand that dead consumer its share).
     */
    SimpleString nodeQueue(NodeId node, long incarnation) {
        return SimpleString.of(nodeAddress(node) + "." + Long.toHexString(incarnation));
    }

    /** {@code node}'s lifeline subscription ({@link Lifeline}) on its own address; {@code incarnation} keeps it unique. */
    SimpleString lifelineQueue(NodeId node, long incarnation) {
        return SimpleString.of(nodeQueue(node, incarnation) + LIFELINE_SUFFIX);
    }

    /** The multicast address every broadcast goes to. */
    SimpleString members() {
        return members;
    }

    /**
     * One connection's subscription to {@link #members()}; {@code incarnation} keeps it unique, so that a
     * restarted node never waits for the broker to expire the queue of its dead predecessor.
     */
    SimpleString membersQueue(NodeId node, long incarnation) {
        return SimpleString.of(members + "." + node.value() + "." + Long.toHexString(incarnation));
    }

    /** {@code node}'s subscription to the broker's notifications; {@code incarnation} keeps it unique. */
    SimpleString watchQueue(NodeId node, long incarnation) {
        return SimpleString.of("understudy." + cluster + ".watch." + node.value() + "." + Long.toHexString(incarnation));
    }

    /**
     * Selector for the broker notifications that say a node's lifeline of this cluster lost its consumer: a node
     * closed its transport, or the broker saw its lifeline connection die (at once, even after a {@code kill -9}).
     * Only lifelines: a node queue's consumer of a killed node closes at the connection TTL, by which time the
     * node may run again, and a hint then would accuse its new incarnation.
     */
    String peerGoneFilter() {
        return ManagementHelper.HDR_NOTIFICATION_TYPE + " = '" + CoreNotificationType.CONSUMER_CLOSED + "' AND "
                + ManagementHelper.HDR_ROUTING_NAME + " LIKE '" + nodePrefix + "%" + LIFELINE_SUFFIX + "' AND "
                + ManagementHelper.HDR_CONSUMER_COUNT + " = 0";
    }

    /**
     * The node whose lifeline {@code queueName} on {@code address} is, if both agree: a queue's name is chosen by
     * whoever creates it, its address is what the broker's permissions check, so a node cannot stage the closing of
     * another node's lifeline with a queue of that name on its own address.
     */
    Optional<NodeId> nodeOfLifeline(String queueName, String address) {
        if (queueName == null || !queueName.endsWith(LIFELINE_SUFFIX)) {
            return Optional.empty();
        }
        return nodeOfQueue(queueName).filter(node -> nodeAddress(node).toString().equals(address));
    }

    /**
     * The node whose queue is {@code queueName} ({@code <prefix><node>.<hex>}, or its lifeline with
     * {@value #LIFELINE_SUFFIX} after it), if it is one of this cluster.
     */
    Optional<NodeId> nodeOfQueue(String queueName) {
        if (queueName == null || !queueName.startsWith(nodePrefix)) {
            return Optional.empty();
        }
        String rest = queueName.substring(nodePrefix.length());
        if (rest.endsWith(LIFELINE_SUFFIX)) {
            rest = rest.substring(0, rest.length() - LIFELINE_SUFFIX.length());
        }
        int dot = rest.indexOf('.');
        if (dot < 0 || !rest.substring(dot + 1).matches("[0-9a-f]{1,16}")) {
            return Optional.empty();
        }
        String id = rest.substring(0, dot);
        return NodeId.isValid(id) ? Optional.of(NodeId.of(id)) : Optional.empty();
    }
}
