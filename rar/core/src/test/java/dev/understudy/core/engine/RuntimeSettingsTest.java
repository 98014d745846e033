package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.engine.CommitResult.Protection;
import dev.understudy.core.engine.LocalCopy.Role;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineClusterSupport;
import dev.understudy.core.testing.InMemoryBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an operator changes while the engine runs (mode, batching, pairing) holds for the very next change, a
 * wrong value changes nothing, and the status tells how far replication lags.
 */
class RuntimeSettingsTest extends EngineClusterSupport {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }

    @Test
    void aModeChangeHoldsForTheNextCommit() {
        startAll("a", "b");
        create("m1");
        assertThat(node("a").commit(key("m1"), setCounter(1)).protection()).isEqualTo(Protection.ACKNOWLEDGED);

        RuntimeSettings before = node("a").setMode(ReplicationMode.ASYNC);

        assertThat(before.mode()).isEqualTo(ReplicationMode.SYNC);
        assertThat(node("a").settings().mode()).isEqualTo(ReplicationMode.ASYNC);
        assertThat(node("a").commit(key("m1"), setCounter(2)).protection()).isEqualTo(Protection.QUEUED);
        awaitCopy("b", key("m1"), new Stamp(1, 3));

        node("a").setMode(ReplicationMode.SYNC);
        assertThat(node("a").commit(key("m1"), setCounter(3)).protection()).isEqualTo(Protection.ACKNOWLEDGED);
    }

    @Test
    void newBatchBoundsHoldForTheNextCommits() {
        // no version digest during the test: it releases the batch (a forced flush) and, on a loaded machine,
        // could fall between the commits below
        start("a", c -> c.mode(ReplicationMode.BATCH).batchSize(1000).batchDelay(Duration.ofHours(1))
                .digestInterval(Duration.ofHours(1)));
        start("b");
        awaitMembership();
        create("b1");
        assertThat(node("a").status().heldInBatch()).isEqualTo(1);

        node("a").setBatching(3, Duration.ofHours(1));

        assertThat(node("a").status().heldInBatch()).as("what was held left with the change").isZero();
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_FORCED)).isEqualTo(1);
        node("a").commit(key("b1"), setCounter(1));
        node("a").commit(key("b1"), setCounter(2));
        assertThat(node("a").status().heldInBatch()).isEqualTo(2);
        node("a").commit(key("b1"), setCounter(3));
        assertThat(node("a").status().heldInBatch()).isZero();
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_BY_COUNT)).isEqualTo(1);
        assertThat(node("a").metrics().get(Counter.BATCHED_MESSAGES)).isEqualTo(4);
        assertThat(counterOf(awaitCopy("b", key("b1"), new Stamp(1, 4)))).isEqualTo(3);
        assertThat(node("a").settings()).isEqualTo(new RuntimeSettings(ReplicationMode.BATCH, 3,
                Duration.ofHours(1), null));
    }

    @Test
    void aPairingChangeHoldsForTheNextNewSessionAndSaysWhy() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("c"));
        assertThat(create("p1").secondary()).isEqualTo(NodeId.of("c"));
        node("a").setPreferredSecondary(NodeId.of("b"));

        assertThat(create("p2").secondary()).isEqualTo(NodeId.of("b"));
        assertThat(node("a").explain(key("p2")).orElseThrow().reason()).isEqualTo(Choice.Reason.ADMIN_PAIRING);
        assertThat(node("a").peek(key("p1")).orElseThrow().snapshot().secondary()).as("existing sessions keep theirs")
                .isEqualTo(NodeId.of("c"));

        node("a").setPreferredSecondary(null);
        assertThat(node("a").settings().preferredSecondary()).isNull();
        create("p3");
        assertThat(node("a").explain(key("p3")).orElseThrow().reason()).isNotEqualTo(Choice.Reason.ADMIN_PAIRING);
    }

    @Test
    void wrongValuesAreRefusedAndChangeNothing() {
        startAll("a", "b");
        node("a").setBatching(10, Duration.ofMillis(50));
        node("a").setPreferredSecondary(NodeId.of("b"));
        RuntimeSettings before = node("a").settings();

        assertThatThrownBy(() -> node("a").setMode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode must be one of [SYNC, ASYNC, BATCH]");
        assertThatThrownBy(() -> node("a").setBatching(-1, Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be in [1, 100000]")
                .hasMessageContaining("stays 10 messages / 50 ms");
        assertThatThrownBy(() -> node("a").setBatching(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchDelay must be positive");
        assertThatThrownBy(() -> node("a").setPreferredSecondary(NodeId.of("zz")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("preferredSecondary must be a live member of the cluster [b]")
                .hasMessageContaining("was zz");
        assertThatThrownBy(() -> node("a").setPreferredSecondary(NodeId.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not be this node itself");

        assertThat(node("a").settings()).isEqualTo(before);
    }

    @Test
    void aStoppedEngineTakesNoChange() {
        ReplicationEngine idle = new ReplicationEngine(config("idle").build(), newTransport());
        assertThatThrownBy(() -> idle.setMode(ReplicationMode.ASYNC)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        idle.close();
    }

    @Test
    void theStatusShowsPeersTheirLoadAndTheReplicationLag() {
        startAll("a", "b");
        create("s1");
        node("a").commit(key("s1"), setCounter(1));

        EngineStatus a = node("a").status();

        assertThat(a.peers()).singleElement().satisfies(p -> {
            assertThat(p.node().id()).isEqualTo(NodeId.of("b"));
            assertThat(p.node().topology()).isEqualTo(new Topology("machine-b", "rack-b", "zone-b"));
            assertThat(p.lastHeardMillis()).isNotNegative();
        });
        assertThat(a.secondaries()).containsEntry(NodeId.of("b"), 1);
        assertThat(a.connectedMillis()).isNotNegative();
        await().atMost(WAIT).until(() -> node("a").status().settled());
        assertThat(a.unacknowledged()).as("SYNC: acknowledged before commit returned").isZero();
        assertThat(a.oldestUnacknowledgedMillis()).isZero();
        assertThat(a.lastAckLatencyMicros()).isPositive();
        assertThat(node("a").metrics().get(Counter.ACK_LATENCY_SAMPLES)).isEqualTo(2);
        assertThat(node("a").metrics().get(Counter.REPLICATION_BYTES)).isPositive()
                .isLessThan(node("a").metrics().get(Counter.BYTES_SENT));
        await().atMost(WAIT).until(() -> node("b").status().peers().get(0).primaries() == 1);
        assertThat(node("a").status().peers().get(0).backups()).isEqualTo(1);

        // a change that is never acknowledged shows as lag
        node("a").setMode(ReplicationMode.ASYNC);
        NodeId b = NodeId.of("b");
        broker.dropWhere((to, frame) -> to.equals(b) && new FrameCodec().decode(frame).messages().stream()
                .anyMatch(m -> m instanceof Message.Delta || m instanceof Message.StateTransfer));
        node("a").commit(key("s1"), setCounter(2));
        await().atMost(WAIT).until(() -> node("a").status().oldestUnacknowledgedMillis() >= 50);
        assertThat(node("a").status().unacknowledged()).isEqualTo(1);
        broker.dropWhere((to, frame) -> false);
        await().atMost(WAIT).until(() -> node("a").status().unacknowledged() == 0);
    }

    private dev.understudy.core.model.SessionSnapshot create(String id) {
        return node("a").create(key(id), newSession(0));
    }

    private LocalCopy awaitCopy(String node, dev.understudy.core.model.SessionKey key, Stamp stamp) {
        await().atMost(WAIT).until(() -> peek(node, key)
                .filter(c -> c.role() == Role.BACKUP && c.snapshot().stamp().equals(stamp)).isPresent());
        return peek(node, key).orElseThrow();
    }
}
