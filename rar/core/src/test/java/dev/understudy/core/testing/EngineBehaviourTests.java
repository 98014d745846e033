package dev.understudy.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.CommitResult.Protection;
import dev.understudy.core.engine.Counter;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.core.engine.LocalCopy.Role;
import dev.understudy.core.engine.NotOwnerException;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.route.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One test per behaviour of ARCHITECTURE §4-6, run against real engines. Subclasses choose the transport:
 * in memory (core) or a real embedded Artemis broker (transport module).
 */
public abstract class EngineBehaviourTests extends EngineClusterSupport {
    /** For the batch tests: a version digest releases the batch, and on a loaded machine it fell between steps. */
    private static final Duration NO_DIGEST = Duration.ofHours(1);

    /** Creates {@code id} on {@code node} and returns the snapshot. */
    private SessionSnapshot create(String node, String id, int count) {
        return node(node).create(key(id), newSession(count));
    }

    private LocalCopy awaitCopy(String node, SessionKey key, Role role, Stamp stamp) {
        await().atMost(WAIT).until(() -> peek(node, key)
                .filter(c -> c.role() == role && c.snapshot().stamp().equals(stamp)).isPresent());
        return peek(node, key).orElseThrow();
    }

    @Test
    void createGivesTheSessionASecondaryInAnotherZoneHoldingTheWholeState() {
        startAll("a", "b");
        SessionSnapshot s = create("a", "create1", 7);

        assertThat(s.primary()).isEqualTo(NodeId.of("a"));
        assertThat(s.secondary()).isEqualTo(NodeId.of("b"));
        assertThat(s.stamp()).isEqualTo(new Stamp(1, 1));
        LocalCopy backup = peek("b", key("create1")).orElseThrow();
        assertThat(backup.role()).isEqualTo(Role.BACKUP);
        assertThat(counterOf(backup)).isEqualTo(7);
        Choice why = node("a").explain(key("create1")).orElseThrow();
        assertThat(why.reason()).isEqualTo(Choice.Reason.OTHER_ZONE);
        assertThat(why.explain()).contains("b").contains("other zone");
    }

    /**
     * A crashed peer (its connection closed: the broker's consumer-closed hint) is declared dead once this node's
     * own ping came back, ~200 ms, not after the heartbeat-based timeout (10 s here) nor the hint's old two-interval
     * wait (2 s here): its sessions are promoted on the secondary at the next epoch well within that.
     */
    @Test
    void aCrashedPeerIsDeclaredDeadOnTheBrokersHintWithinAFractionOfAHeartbeat() {
        UnaryOperator<EngineConfig.Builder> slow = b -> b.heartbeatInterval(Duration.ofSeconds(1))
                .failureTimeout(Duration.ofSeconds(10)).fetchTimeout(Duration.ofSeconds(5));
        start("a", slow);
        start("b", slow);
        awaitMembership();
        create("a", "hint1", 1);
        awaitCopy("b", key("hint1"), Role.BACKUP, new Stamp(1, 1));

        long killedAt = System.nanoTime();
        kill("a");
        await().atMost(Duration.ofMillis(1500)).until(() -> peek("b", key("hint1"))
                .filter(c -> c.role() == Role.PRIMARY && c.snapshot().stamp().epoch() == 2).isPresent());
        assertThat(node("b").status().liveMembers()).doesNotContain(NodeId.of("a"));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofMillis(1500));
    }

    /**
     * The fetch path right after a crash: a third node asked for the session stops waiting for the dead primary
     * as soon as the broker's hint is proven by its own ping — it neither waits for the fetch timeout nor for the
     * verdict on the primary — and claims the secondary's copy with the exact count.
     */
    @Test
    void aTakeoverRightAfterACrashStopsWaitingForThePrimaryOnTheBrokersHint() {
        // without the hint, c would wait for a's answer until the fetch timeout or a's verdict (30 s)
        UnaryOperator<EngineConfig.Builder> slow = b -> b.failureTimeout(Duration.ofSeconds(30))
                .fetchTimeout(Duration.ofSeconds(30));
        start("a", slow);
        start("b", slow);
        start("c", slow);
        awaitMembership();
        node("a").setPreferredSecondary(NodeId.of("b"));
        create("a", "fast1", 0);
        node("a").commit(key("fast1"), setCounter(7));

        kill("a");
        SessionSnapshot served = node("c").open(key("fast1"), new Route("fast1", NodeId.of("a"), NodeId.of("b"), 1))
                .orElseThrow();

        assertThat(served.primary()).isEqualTo(NodeId.of("c"));
        assertThat(counterOf(served.data())).isEqualTo(7);
        assertThat(served.stamp()).isEqualTo(new Stamp(2, 2));
        assertThat(node("c").metrics().get(Counter.PEERS_UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void syncCommitReturnsOnlyAfterTheSecondaryAppliedTheChange() {
        startAll("a", "b");
        create("a", "sync1", 0);
        for (int i = 1; i <= 20; i++) {
            CommitResult r = node("a").commit(key("sync1"), setCounter(i));
            assertThat(r.protection()).isEqualTo(Protection.ACKNOWLEDGED);
            // no waiting: the secondary must already hold what was acknowledged
            LocalCopy backup = peek("b", key("sync1")).orElseThrow();
            assertThat(backup.snapshot().stamp()).isEqualTo(r.stamp());
            assertThat(counterOf(backup)).isEqualTo(i);
        }
        assertThat(node("b").metrics().get(Counter.DELTAS_APPLIED)).isEqualTo(20);
    }

    @Test
    void updatesSendOnlyTheChangedAttributesWithTheNextVersion() {
        startAll("a", "b");
        long now = System.currentTimeMillis();
        node("a").create(key("upd1"), new SessionData(new Metadata(now, now, 600),
                Map.of("big", new byte[50_000], "counter", intBytes(0))));
        long bytesBefore = node("a").metrics().get(Counter.BYTES_SENT);
        CommitResult r = node("a").commit(key("upd1"), setCounter(1));

        assertThat(r.stamp()).isEqualTo(new Stamp(1, 2));
        assertThat(node("a").metrics().get(Counter.BYTES_SENT) - bytesBefore).isLessThan(5_000);
        LocalCopy backup = peek("b", key("upd1")).orElseThrow();
        assertThat(backup.snapshot().data().attributes()).containsKeys("big", "counter");
        assertThat(counterOf(backup)).isEqualTo(1);
    }

    @Test
    void duplicateAndStaleDeltasAreDroppedAndCountedWithoutChangingState() {
        startAll("a", "b");
        create("a", "dup1", 0);
        node("a").commit(key("dup1"), setCounter(1));
        node("a").commit(key("dup1"), setCounter(2));
        ReplicationEngine a = node("a");
        ReplicationEngine b = node("b");

        injectFrom(a, b, new Message.Delta(key("dup1"), new Stamp(1, 3), null, Map.of("counter", intBytes(99)), List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.DUPLICATES_DROPPED) == 1);
        injectFrom(a, b, new Message.Delta(key("dup1"), new Stamp(1, 2), null, Map.of("counter", intBytes(98)), List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.STALE_DROPPED) == 1);

        LocalCopy backup = peek("b", key("dup1")).orElseThrow();
        assertThat(backup.snapshot().stamp()).isEqualTo(new Stamp(1, 3));
        assertThat(counterOf(backup)).isEqualTo(2);
    }

    @Test
    void aGapMakesTheSecondaryAskForTheWholeStateInsteadOfGuessing() {
        startAll("a", "b");
        create("a", "gap1", 0);
        node("a").commit(key("gap1"), setCounter(5));
        ReplicationEngine a = node("a");
        ReplicationEngine b = node("b");

        injectFrom(a, b, new Message.Delta(key("gap1"), new Stamp(1, 9), null, Map.of("counter", intBytes(42)), List.of()));
        await().atMost(WAIT).until(() -> a.metrics().get(Counter.RESYNCS_SENT) >= 1);

        assertThat(b.metrics().get(Counter.GAPS)).isEqualTo(1);
        assertThat(b.metrics().get(Counter.RESYNC_REQUESTS_SENT)).isGreaterThanOrEqualTo(1);
        LocalCopy backup = awaitCopy("b", key("gap1"), Role.BACKUP, new Stamp(1, 2));
        assertThat(counterOf(backup)).isEqualTo(5);
        // the primary goes on with deltas after the resync
        node("a").commit(key("gap1"), setCounter(6));
        assertThat(counterOf(peek("b", key("gap1")).orElseThrow())).isEqualTo(6);
    }

    @Test
    void aDeltaForAnUnknownSessionIsCountedAndNeverCreatesState() {
        startAll("a", "b");
        ReplicationEngine a = node("a");
        ReplicationEngine b = node("b");
        injectFrom(a, b, new Message.Delta(key("ghost"), new Stamp(1, 4), null, Map.of("counter", intBytes(1)), List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.UNKNOWN_SESSION) == 1);
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.RESYNC_REQUESTS_SENT) == 1);
        assertThat(peek("b", key("ghost"))).isEmpty();
        assertThat(peek("a", key("ghost"))).isEmpty();
    }

    @Test
    void corruptFramesAreCountedAndTheNodeKeepsWorking() {
        startAll("a", "b");
        create("a", "bad1", 0);
        byte[] valid = new FrameCodec().encode(new Frame(
                node("a").node().id(), node("a").node().number(), node("b").node().number(),
                List.of(new Message.Delta(key("bad1"), new Stamp(1, 2), null, Map.of("counter", intBytes(9)),
                        List.of()))));
        byte[] futureVersion = valid.clone();
        futureVersion[2] = 2;
        byte[] badNodeId = valid.clone();
        badNodeId[5] = '#';
        inject(node("b"), new byte[] {0x55, 0x53, 1, 0, 3, 'x'});
        inject(node("b"), "not a frame at all".getBytes());
        inject(node("b"), futureVersion);
        inject(node("b"), badNodeId);
        await().atMost(WAIT).until(() -> node("b").metrics().get(Counter.CORRUPT_FRAMES) == 4);
        assertThat(counterOf(peek("b", key("bad1")).orElseThrow())).isZero();
        node("a").commit(key("bad1"), setCounter(1));
        assertThat(counterOf(peek("b", key("bad1")).orElseThrow())).isEqualTo(1);
    }

    @Test
    void anotherNodeFetchesTheNewestCopyAndClaimsItAtTheNextEpoch() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = create("a", "claim1", 0);
        node("a").commit(key("claim1"), setCounter(3));
        assertThat(s.secondary()).isEqualTo(NodeId.of("b"));

        SessionSnapshot onC = node("c").open(key("claim1"), new Route("claim1", s.primary(), s.secondary(), 1))
                .orElseThrow();

        assertThat(onC.primary()).isEqualTo(NodeId.of("c"));
        assertThat(onC.secondary()).isEqualTo(NodeId.of("b"));
        assertThat(onC.stamp()).isEqualTo(new Stamp(2, 2));
        assertThat(counterOf(onC.data())).isEqualTo(3);
        LocalCopy atB = peek("b", key("claim1")).orElseThrow();
        assertThat(atB.snapshot().primary()).isEqualTo(NodeId.of("c"));
        assertThat(atB.snapshot().stamp()).isEqualTo(new Stamp(2, 2));
        await().atMost(WAIT).until(() -> peek("a", key("claim1")).isEmpty());
        assertThat(node("c").commit(key("claim1"), setCounter(4)).protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(counterOf(peek("b", key("claim1")).orElseThrow())).isEqualTo(4);
    }

    @Test
    void theSecondaryFencesASupersededEpochAndTheOldPrimaryStopsServing() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = create("a", "fence1", 0);
        node("c").open(key("fence1"), new Route("fence1", s.primary(), s.secondary(), 1)).orElseThrow();
        ReplicationEngine a = node("a");
        ReplicationEngine b = node("b");

        // a delta from the old owner at the old epoch, as if it had missed the revocation
        injectFrom(a, b, new Message.Delta(key("fence1"), new Stamp(1, 2), null, Map.of("counter", intBytes(66)), List.of()));
        await().atMost(WAIT).until(() -> b.metrics().get(Counter.FENCED_REJECTIONS) == 1);

        assertThat(counterOf(peek("b", key("fence1")).orElseThrow())).isEqualTo(0);
        await().atMost(WAIT).until(() -> peek("a", key("fence1")).isEmpty());
        assertThatThrownBy(() -> node("a").commit(key("fence1"), setCounter(1)))
                .isInstanceOf(NotOwnerException.class);
    }

    @Test
    void theSecondaryTakesOverByItselfWhenThePrimaryDies() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        create("a", "pro1", 0);
        node("a").commit(key("pro1"), setCounter(11));

        kill("a");

        LocalCopy promoted = awaitCopy("b", key("pro1"), Role.PRIMARY, new Stamp(2, 2));
        assertThat(counterOf(promoted)).isEqualTo(11);
        assertThat(node("b").metrics().get(Counter.PROACTIVE_TAKEOVERS)).isEqualTo(1);
    }

    @Test
    void aPromotedSessionGetsItsNewSecondaryOnTheNextRequest() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        create("a", "lazy1", 0);
        kill("a");
        awaitCopy("b", key("lazy1"), Role.PRIMARY, new Stamp(2, 1));

        SessionSnapshot served = node("b").open(key("lazy1"), new Route("lazy1", NodeId.of("a"), NodeId.of("b"), 1))
                .orElseThrow();
        CommitResult r = node("b").commit(key("lazy1"), setCounter(1));

        assertThat(served.primary()).isEqualTo(NodeId.of("b"));
        assertThat(r.secondary()).isEqualTo(NodeId.of("c"));
        assertThat(r.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(counterOf(peek("c", key("lazy1")).orElseThrow())).isEqualTo(1);
    }

    @Test
    void whenTheSecondaryDiesThePrimaryPicksAnotherAndSendsTheWholeState() {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        create("a", "sec1", 0);
        node("a").commit(key("sec1"), setCounter(8));

        kill("b");

        LocalCopy atC = awaitCopy("c", key("sec1"), Role.BACKUP, new Stamp(1, 2));
        assertThat(counterOf(atC)).isEqualTo(8);
        assertThat(node("a").metrics().get(Counter.SECONDARY_CHANGES)).isEqualTo(1);
        assertThat(node("a").peek(key("sec1")).orElseThrow().snapshot().secondary()).isEqualTo(NodeId.of("c"));
    }

    @Test
    void aJoiningNodeBecomesACandidateAtOnce() {
        startAll("a");
        SessionSnapshot alone = create("a", "join1", 4);
        assertThat(alone.secondary()).isNull();

        start("b");
        awaitMembership();

        LocalCopy atB = awaitCopy("b", key("join1"), Role.BACKUP, new Stamp(1, 1));
        assertThat(counterOf(atB)).isEqualTo(4);
        assertThat(node("a").commit(key("join1"), setCounter(5)).protection()).isEqualTo(Protection.ACKNOWLEDGED);
    }

    @Test
    void aLeavingNodeHandsItsSessionsToTheirSecondariesFirst() {
        startAll("a", "b", "c");
        for (int i = 0; i < 10; i++) {
            create("a", "drain" + i, i);
        }
        ReplicationEngine a = engines.remove("a");
        a.leave();

        for (int i = 0; i < 10; i++) {
            SessionKey k = key("drain" + i);
            int expected = i;
            await().atMost(WAIT).until(() -> engines.values().stream().anyMatch(e -> e.peek(k)
                    .filter(c -> c.role() == Role.PRIMARY && counterOf(c) == expected
                            && c.snapshot().stamp().equals(new Stamp(2, 1))).isPresent()));
        }
        awaitDeclaredDead("a");
        assertThat(a.metrics().get(Counter.HANDOFFS)).isEqualTo(10);
    }

    @Test
    void sessionsExpireOnBothCopies() {
        startAll("a", "b");
        long now = System.currentTimeMillis();
        node("a").create(key("exp1"), new SessionData(new Metadata(now, now, 1), Map.of()));
        node("a").create(key("keep1"), new SessionData(new Metadata(now, now, 600), Map.of()));

        await().atMost(WAIT).until(() -> peek("a", key("exp1")).isEmpty() && peek("b", key("exp1")).isEmpty());
        assertThat(peek("a", key("keep1"))).isPresent();
        assertThat(peek("b", key("keep1"))).isPresent();
        assertThat(node("a").metrics().get(Counter.EXPIRED)).isEqualTo(1);
    }

    @Test
    void invalidationRemovesBothCopies() {
        startAll("a", "b");
        create("a", "inv1", 1);
        CommitResult r = node("a").invalidate(key("inv1"));
        assertThat(r.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(peek("a", key("inv1"))).isEmpty();
        assertThat(peek("b", key("inv1"))).isEmpty();
    }

    @Test
    void anIdChangeIsAtomicOnBothCopies() {
        startAll("a", "b");
        create("a", "old1", 3);
        CommitResult r = node("a").changeId(key("old1"), "new1");

        assertThat(r.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(peek("a", key("old1"))).isEmpty();
        assertThat(peek("b", key("old1"))).isEmpty();
        assertThat(counterOf(peek("b", key("new1")).orElseThrow())).isEqualTo(3);
        assertThat(peek("b", key("new1")).orElseThrow().snapshot().stamp()).isEqualTo(r.stamp());
    }

    @Test
    void batchModeHoldsChangesUntilTheCountIsReached() {
        start("a", b -> b.mode(ReplicationMode.BATCH).batchSize(5).batchDelay(Duration.ofHours(1))
                .digestInterval(NO_DIGEST));
        start("b");
        awaitMembership();
        create("a", "bc1", 0);
        assertThat(node("a").status().heldInBatch()).isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            assertThat(node("a").commit(key("bc1"), setCounter(i)).protection()).isEqualTo(Protection.QUEUED);
        }
        assertThat(node("a").status().heldInBatch()).isEqualTo(4);
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_BY_COUNT)).isZero();

        node("a").commit(key("bc1"), setCounter(4));

        assertThat(node("a").status().heldInBatch()).isZero();
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_BY_COUNT)).isEqualTo(1);
        LocalCopy atB = awaitCopy("b", key("bc1"), Role.BACKUP, new Stamp(1, 5));
        assertThat(counterOf(atB)).isEqualTo(4);
    }

    @Test
    void batchModeFlushesAfterTheDelayWhenTheCountIsNotReached() {
        start("a", b -> b.mode(ReplicationMode.BATCH).batchSize(1000).batchDelay(Duration.ofMillis(200))
                .digestInterval(NO_DIGEST));
        start("b");
        awaitMembership();
        create("a", "bt1", 0);
        node("a").commit(key("bt1"), setCounter(1));

        LocalCopy atB = awaitCopy("b", key("bt1"), Role.BACKUP, new Stamp(1, 2));
        assertThat(counterOf(atB)).isEqualTo(1);
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_BY_TIME)).isGreaterThanOrEqualTo(1);
        assertThat(node("a").metrics().get(Counter.BATCH_FLUSHES_BY_COUNT)).isZero();
    }

    @Test
    void batchBoundsAndModeChangeWhileRunning() {
        start("a", b -> b.mode(ReplicationMode.BATCH).batchSize(1000).batchDelay(Duration.ofHours(1))
                .digestInterval(NO_DIGEST));
        start("b");
        awaitMembership();
        create("a", "rt1", 0);
        node("a").commit(key("rt1"), setCounter(1));
        assertThat(node("a").status().heldInBatch()).isEqualTo(2);

        node("a").setBatching(2, Duration.ofHours(1));
        awaitCopy("b", key("rt1"), Role.BACKUP, new Stamp(1, 2));
        node("a").setMode(ReplicationMode.SYNC);
        CommitResult r = node("a").commit(key("rt1"), setCounter(2));

        assertThat(r.protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(node("a").status().mode()).isEqualTo(ReplicationMode.SYNC);
        assertThat(counterOf(peek("b", key("rt1")).orElseThrow())).isEqualTo(2);
    }

    @Test
    void asyncModeReleasesTheCallerAtOnceAndStillDeliversInOrder() {
        start("a", b -> b.mode(ReplicationMode.ASYNC));
        start("b");
        awaitMembership();
        create("a", "as1", 0);
        for (int i = 1; i <= 50; i++) {
            assertThat(node("a").commit(key("as1"), setCounter(i)).protection()).isEqualTo(Protection.QUEUED);
        }
        LocalCopy atB = awaitCopy("b", key("as1"), Role.BACKUP, new Stamp(1, 51));
        assertThat(counterOf(atB)).isEqualTo(50);
        assertThat(node("b").metrics().get(Counter.GAPS)).isZero();
    }

    /**
     * ASYNC under load: changes that follow each other within the linger (1 ms) travel together — one frame per
     * destination for many requests — and every one of them still arrives, in order. 200 changes issued in a tight
     * loop would be ~200 frames without it.
     */
    @Test
    void asyncUnderLoadSendsTheChangesOfManyRequestsInFewFrames() {
        start("a", b -> b.mode(ReplicationMode.ASYNC));
        start("b");
        awaitMembership();
        for (int s = 0; s < 20; s++) {
            create("a", "co" + s, 0);
        }
        for (int s = 0; s < 20; s++) {
            awaitCopy("b", key("co" + s), Role.BACKUP, new Stamp(1, 1));
        }
        long framesBefore = node("a").metrics().get(Counter.FRAMES_SENT);
        for (int i = 1; i <= 10; i++) {
            for (int s = 0; s < 20; s++) {
                assertThat(node("a").commit(key("co" + s), setCounter(i)).protection()).isEqualTo(Protection.QUEUED);
            }
        }
        for (int s = 0; s < 20; s++) {
            assertThat(counterOf(awaitCopy("b", key("co" + s), Role.BACKUP, new Stamp(1, 11)))).isEqualTo(10);
        }
        assertThat(node("a").metrics().get(Counter.FRAMES_SENT) - framesBefore).isLessThan(100);
        assertThat(node("b").metrics().get(Counter.GAPS)).isZero();
    }

    @Test
    void oversizedStateIsRefusedAndNothingStoredIsLost() {
        start("a", b -> b.maxAttributeBytes(1000).maxSessionBytes(1500));
        start("b");
        awaitMembership();
        create("a", "big1", 1);
        assertThatThrownBy(() -> node("a").commit(key("big1"), Changes.set("x", new byte[1001])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        node("a").commit(key("big1"), Changes.set("y", new byte[900]));
        assertThatThrownBy(() -> node("a").commit(key("big1"), Changes.set("z", new byte[900])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session");
        LocalCopy atA = node("a").peek(key("big1")).orElseThrow();
        assertThat(atA.snapshot().data().attributes()).containsOnlyKeys("counter", "y");
        assertThat(node("a").metrics().get(Counter.LIMIT_REJECTIONS)).isEqualTo(2);
    }

    @Test
    void openWithoutAnyCopyGivesNothingAndAsksOnlyLiveMembers() {
        startAll("a", "b");
        Optional<SessionSnapshot> none = node("a").open(key("nope"),
                new Route("nope", NodeId.of("zz-unknown"), NodeId.of("b"), 3));
        assertThat(none).isEmpty();
        // the named live secondary first, then (the route being only a hint) every live member once
        assertThat(node("a").metrics().get(Counter.FETCHES)).isEqualTo(2);
        assertThat(node("a").metrics().get(Counter.WIDE_SEARCHES)).isEqualTo(1);
    }
}
