package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.engine.CommitResult.Protection;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import dev.understudy.core.route.Route;
import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineClusterSupport;
import dev.understudy.core.testing.InMemoryBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the engine from the wire and through routes (issue 7 points 2, 4, 5, 7), on real engines over the
 * in-memory transport. Each test is one attack: refused, counted with its exact counter delta, and the copy the
 * node holds is intact and still replicates.
 */
class EngineAttackTest extends EngineClusterSupport {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }

    @Test
    void aReplayedOldDeltaIsDroppedAndCountedAndChangesNothing() {
        startAll("a", "b");
        node("a").create(key("replay1"), newSession(0));
        for (int i = 1; i <= 3; i++) {
            node("a").commit(key("replay1"), setCounter(i));
        }
        ReplicationEngine b = node("b");
        long stale = b.metrics().get(Counter.STALE_DROPPED);

        // the genuine delta of version 2 (counter 1), captured and replayed by someone on the broker
        injectFrom(node("a"), b, new Message.Delta(key("replay1"), new Stamp(1, 2), null,
                Map.of("counter", intBytes(1)), List.of()));

        await().atMost(WAIT).until(() -> b.metrics().get(Counter.STALE_DROPPED) == stale + 1);
        assertThat(peek("b", key("replay1")).orElseThrow().snapshot().stamp()).isEqualTo(new Stamp(1, 4));
        assertThat(counterOf(peek("b", key("replay1")).orElseThrow())).isEqualTo(3);
        assertThat(b.metrics().get(Counter.DELTAS_APPLIED)).isEqualTo(3);
    }

    @Test
    void aDeltaFromAFencedEpochIsRejectedAndTheNewOwnerKeepsItsCopy() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = node("a").create(key("fenced1"), newSession(5));
        node("c").open(key("fenced1"), new Route("fenced1", s.primary(), s.secondary(), 1)).orElseThrow();
        node("c").commit(key("fenced1"), setCounter(6));
        ReplicationEngine b = node("b");

        // the old owner (epoch 1) sends the next version, as a paused primary waking up would
        injectFrom(node("a"), b, new Message.Delta(key("fenced1"), new Stamp(1, 2), null,
                Map.of("counter", intBytes(99)), List.of()));

        await().atMost(WAIT).until(() -> b.metrics().get(Counter.FENCED_REJECTIONS) == 1);
        assertThat(peek("b", key("fenced1")).orElseThrow().snapshot().stamp()).isEqualTo(new Stamp(2, 2));
        assertThat(counterOf(peek("b", key("fenced1")).orElseThrow())).isEqualTo(6);
        node("c").commit(key("fenced1"), setCounter(7));
        assertThat(counterOf(peek("b", key("fenced1")).orElseThrow())).isEqualTo(7);
    }

    @Test
    void aWholeStateReplayedFromASupersededEpochIsRejected() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = node("a").create(key("fenced2"), newSession(1));
        node("c").open(key("fenced2"), new Route("fenced2", s.primary(), s.secondary(), 1)).orElseThrow();
        ReplicationEngine b = node("b");

        injectFrom(node("a"), b, new Message.StateTransfer(key("fenced2"), new Stamp(1, 9), NodeId.of("a"),
                Reason.RESYNC, null, newSession(42)));

        await().atMost(WAIT).until(() -> b.metrics().get(Counter.FENCED_REJECTIONS) == 1);
        assertThat(peek("b", key("fenced2")).orElseThrow().snapshot().stamp()).isEqualTo(new Stamp(2, 1));
        assertThat(counterOf(peek("b", key("fenced2")).orElseThrow())).isEqualTo(1);
        assertThat(peek("b", key("fenced2")).orElseThrow().snapshot().primary()).isEqualTo(NodeId.of("c"));
    }

    @Test
    void anOversizedDeltaFromTheWireIsDroppedAndCountedAndTheBackupKeepsItsCopy() {
        start("a");
        start("b", c -> c.maxAttributeBytes(1_000).maxSessionBytes(4_000));
        awaitMembership();
        node("a").create(key("big1"), newSession(1));
        ReplicationEngine b = node("b");

        injectFrom(node("a"), b, new Message.Delta(key("big1"), new Stamp(1, 2), null,
                Map.of("counter", intBytes(2), "blob", new byte[1_001]), List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.LIMIT_REJECTIONS) == 1);
        injectFrom(node("a"), b, new Message.Delta(key("big1"), new Stamp(1, 2), null,
                Map.of("a1", new byte[1_000], "a2", new byte[1_000], "a3", new byte[1_000], "a4", new byte[1_000]),
                List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.LIMIT_REJECTIONS) == 2);

        assertThat(peek("b", key("big1")).orElseThrow().snapshot().stamp()).isEqualTo(new Stamp(1, 1));
        assertThat(peek("b", key("big1")).orElseThrow().snapshot().data().attributes()).containsOnlyKeys("counter");
        assertThat(b.metrics().get(Counter.DELTAS_APPLIED)).isZero();
        // a delta within the limits applies at the version the refused ones claimed
        node("a").commit(key("big1"), setCounter(2));
        assertThat(counterOf(peek("b", key("big1")).orElseThrow())).isEqualTo(2);
        assertThat(b.metrics().get(Counter.LIMIT_REJECTIONS)).isEqualTo(2);
    }

    @Test
    void anOversizedWholeStateFromTheWireIsDroppedAndCountedAndCreatesNothing() {
        start("a");
        start("b", c -> c.maxAttributeBytes(1_000).maxSessionBytes(4_000));
        awaitMembership();
        long now = System.currentTimeMillis();
        SessionData huge = new SessionData(new Metadata(now, now, 1800), Map.of("blob", new byte[5_000]));

        injectFrom(node("a"), node("b"), new Message.StateTransfer(key("big2"), new Stamp(1, 1), NodeId.of("a"),
                Reason.CREATE, null, huge));

        await().atMost(WAIT).until(() -> node("b").metrics().get(Counter.LIMIT_REJECTIONS) == 1);
        assertThat(peek("b", key("big2"))).isEmpty();
        assertThat(node("b").metrics().get(Counter.STATES_APPLIED)).isZero();
    }

    @Test
    void aFrameOverTheFrameLimitIsDroppedUnreadAndCounted() {
        startAll("a", "b");
        node("a").create(key("frame1"), newSession(1));
        ReplicationEngine b = node("b");
        byte[] huge = new byte[new FrameCodec().limits().maxFrameBytes() + 1];
        huge[0] = 0x55;
        huge[1] = 0x53;
        huge[2] = 1;

        inject(b, huge);

        await().atMost(WAIT).until(() -> b.metrics().get(Counter.CORRUPT_FRAMES) == 1);
        node("a").commit(key("frame1"), setCounter(2));
        assertThat(counterOf(peek("b", key("frame1")).orElseThrow())).isEqualTo(2);
    }

    @Test
    void framesWhoseSenderIdCarriesWildcardOrSeparatorCharactersAreDroppedAndCounted() {
        startAll("a", "b");
        ReplicationEngine b = node("b");
        byte[] valid = new FrameCodec().encode(new Frame(NodeId.of("zzzz"), 7, b.node().number(),
                List.of(new Message.Leave(NodeId.of("zzzz")))));
        int at = indexOf(valid, "zzzz".getBytes(StandardCharsets.US_ASCII));
        List<String> hostile = List.of("zz.z", "zz#z", "zz*z", "zz>z", "ZZZZ", "zz z", "zz'z", "zz\u0000z");
        for (String id : hostile) {
            byte[] frame = valid.clone();
            System.arraycopy(id.getBytes(StandardCharsets.ISO_8859_1), 0, frame, at, 4);
            inject(b, frame);
        }

        await().atMost(WAIT).until(() -> b.metrics().get(Counter.CORRUPT_FRAMES) == hostile.size());
        assertThat(b.metrics().get(Counter.PEERS_LEFT)).isZero();
        assertThat(b.status().liveMembers()).containsExactly(NodeId.of("a"));
    }

    @Test
    void aRouteNamingNodesThatAreNotMembersMakesNoFrameGoToThem() {
        startAll("a", "b");
        Set<NodeId> destinations = ConcurrentHashMap.newKeySet();
        broker.dropWhere((to, frame) -> {
            destinations.add(to);
            return false;
        });

        var opened = node("a").open(key("nowhere"),
                new Route("nowhere", NodeId.of("evil-primary"), NodeId.of("evil-secondary"), 7));

        assertThat(opened).isEmpty();
        assertThat(destinations).doesNotContain(NodeId.of("evil-primary"), NodeId.of("evil-secondary"));
        assertThat(node("a").metrics().get(Counter.TAKEOVERS)).isZero();
    }

    @Test
    void afterAnIdChangeAndTheDeathOfThePrimaryThePreLoginIdIsGoneEverywhere() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = node("a").create(key("pre-login"), newSession(8));
        node("a").changeId(key("pre-login"), "post-login");

        kill("a");
        awaitDeclaredDead("a");

        await().atMost(WAIT).until(() -> peek("b", key("post-login"))
                .filter(c -> c.role() == LocalCopy.Role.PRIMARY).isPresent());
        assertThat(peek("b", key("pre-login"))).isEmpty();
        assertThat(peek("c", key("pre-login"))).isEmpty();
        // a client replaying its pre-login cookie gets no session, on the secondary or on any other node
        assertThat(node("c").open(key("pre-login"), new Route("pre-login", s.primary(), s.secondary(), 1)))
                .isEmpty();
        assertThat(node("b").open(key("pre-login"), new Route("pre-login", s.primary(), s.secondary(), 1)))
                .isEmpty();
        assertThat(counterOf(node("b").open(key("post-login"), null).orElseThrow().data())).isEqualTo(8);
    }

    @Test
    void inAsyncAndBatchModeAnIdChangeReturnsOnlyOnceTheSecondaryHoldsTheNewIdAlone() {
        start("a", c -> c.mode(ReplicationMode.BATCH).batchSize(10_000).batchDelay(Duration.ofSeconds(60)));
        start("b");
        awaitMembership();
        node("a").create(key("pre-batch"), newSession(4));
        node("a").commit(key("pre-batch"), setCounter(5));

        CommitResult batch = node("a").changeId(key("pre-batch"), "post-batch");
        // no waiting: at the moment changeId returned, a crash of the primary could no longer revive the old id
        assertThat(batch.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(peek("b", key("pre-batch"))).isEmpty();
        assertThat(counterOf(peek("b", key("post-batch")).orElseThrow())).isEqualTo(5);

        node("a").setMode(ReplicationMode.ASYNC);
        node("a").create(key("pre-async"), newSession(6));
        CommitResult async = node("a").changeId(key("pre-async"), "post-async");
        assertThat(async.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(peek("b", key("pre-async"))).isEmpty();
        assertThat(counterOf(peek("b", key("post-async")).orElseThrow())).isEqualTo(6);
        // other changes keep their mode
        assertThat(node("a").commit(key("post-async"), setCounter(7)).protection()).isEqualTo(Protection.QUEUED);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
