package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.model.NodeId;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.CoreNotificationType;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.core.filter.Filter;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.junit.jupiter.api.Test;

class AddressesTest {
    private final Addresses addresses = new Addresses("shop");

    @Test
    void names() {
        assertThat(addresses.nodeAddress(NodeId.of("n-1")).toString()).isEqualTo("understudy.shop.node.n-1");
        assertThat(addresses.nodeQueue(NodeId.of("n-1"), 255).toString()).isEqualTo("understudy.shop.node.n-1.ff");
        assertThat(addresses.members().toString()).isEqualTo("understudy.shop.members");
        assertThat(addresses.membersQueue(NodeId.of("n-1"), 255).toString()).isEqualTo("understudy.shop.members.n-1.ff");
        assertThat(addresses.watchQueue(NodeId.of("n-1"), 255).toString()).isEqualTo("understudy.shop.watch.n-1.ff");
    }

    @Test
    void findsTheNodeOfANodeQueueOnly() {
        assertThat(addresses.nodeOfQueue("understudy.shop.node.n-1.ff")).contains(NodeId.of("n-1"));
        assertThat(addresses.nodeOfQueue("understudy.shop.node.n-1.ff.lifeline")).contains(NodeId.of("n-1"));
        assertThat(addresses.lifelineQueue(NodeId.of("n-1"), 255).toString())
                .isEqualTo("understudy.shop.node.n-1.ff.lifeline");
        assertThat(addresses.nodeOfQueue("understudy.shop.node.n-1.lifeline")).as("no incarnation").isEmpty();
        assertThat(addresses.nodeOfQueue("understudy.shop.node.n-1")).as("no incarnation").isEmpty();
        assertThat(addresses.nodeOfQueue("understudy.shop.node.n-1.xyz")).isEmpty();
        assertThat(addresses.nodeOfQueue("understudy.other.node.n-1")).isEmpty();
        assertThat(addresses.nodeOfQueue("understudy.shop.members.n-1")).isEmpty();
        assertThat(addresses.nodeOfQueue("understudy.shop.node.N.1")).isEmpty();
        assertThat(addresses.nodeOfQueue(null)).isEmpty();
    }

    @Test
    void aLifelineCountsOnlyOnItsOwnNodesAddress() {
        assertThat(addresses.nodeOfLifeline("understudy.shop.node.b.1f.lifeline", "understudy.shop.node.b"))
                .contains(NodeId.of("b"));
        // node a names a queue on its own address after b's lifeline: closing it must not accuse b
        assertThat(addresses.nodeOfLifeline("understudy.shop.node.b.1f.lifeline", "understudy.shop.node.a")).isEmpty();
        assertThat(addresses.nodeOfLifeline("understudy.shop.node.b.1f", "understudy.shop.node.b")).as("node queue")
                .isEmpty();
        assertThat(addresses.nodeOfLifeline("understudy.shop.node.b.1f.lifeline", null)).isEmpty();
        assertThat(addresses.nodeOfLifeline(null, "understudy.shop.node.b")).isEmpty();
    }

    @Test
    void thePeerGoneFilterPicksTheLastConsumerOfALifelineOfThisCluster() throws Exception {
        Filter filter = FilterImpl.createFilter(addresses.peerGoneFilter());
        String lifeline = "understudy.shop.node.b.1f.lifeline";

        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CLOSED, lifeline, 0))).isTrue();
        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CLOSED, lifeline, 1))).isFalse();
        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CREATED, lifeline, 0))).isFalse();
        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CLOSED, "understudy.shopx.node.b.1f.lifeline", 0)))
                .isFalse();
        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CLOSED, "understudy.shop.members.b.1f.lifeline",
                0))).isFalse();
        // a node queue's consumer closes at the connection TTL after a kill: by then the node may run again
        assertThat(filter.match(notice(CoreNotificationType.CONSUMER_CLOSED, "understudy.shop.node.b.1f", 0)))
                .as("node queue").isFalse();
    }

    private static CoreMessage notice(CoreNotificationType type, String queue, int consumers) {
        CoreMessage message = new CoreMessage(1, 512);
        message.putStringProperty(ManagementHelper.HDR_NOTIFICATION_TYPE, SimpleString.of(type.toString()));
        message.putStringProperty(ManagementHelper.HDR_ROUTING_NAME, SimpleString.of(queue));
        message.putIntProperty(ManagementHelper.HDR_CONSUMER_COUNT, consumers);
        return message;
    }
}
