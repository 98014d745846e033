package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.engine.LocalCopy.Role;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.route.Route;
import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineClusterSupport;
import dev.understudy.core.testing.InMemoryBroker;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A primary that stalls (a long GC pause, SIGSTOP) longer than the failure timeout is declared dead and its
 * sessions move on. When it wakes up it must not serve its stale copy (I1) nor get a write acknowledged at its
 * old epoch (I3): its lease lapsed, so it revalidates first.
 */
class PausedPrimaryTest extends EngineClusterSupport {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }

    @Test
    void aPrimaryWakingFromAPauseServesTheNewestStateNotItsOwn() throws Exception {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        SessionSnapshot s = node("a").create(key("p1"), newSession(1));
        CountDownLatch wake = new CountDownLatch(1);
        node("a").onEngineThread(() -> {
            try {
                wake.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        await().atMost(WAIT).until(() -> peek("b", key("p1")).filter(c -> c.role() == Role.PRIMARY).isPresent());
        SessionSnapshot moved = node("b").open(key("p1"), new Route("p1", s.primary(), s.secondary(), 1)).orElseThrow();
        node("b").commit(key("p1"), setCounter(2));
        assertThat(moved.stamp().epoch()).isEqualTo(2);
        wake.countDown();

        SessionSnapshot served = node("a").open(key("p1"), new Route("p1", s.primary(), s.secondary(), 1)).orElseThrow();
        assertThat(counterOf(served.data())).isEqualTo(2);
        assertThat(served.stamp()).isGreaterThan(new Stamp(2, 2));
        assertThat(node("a").metrics().get(Counter.LEASE_LAPSES)).isEqualTo(1);
        assertThat(node("a").commit(key("p1"), setCounter(3)).protection())
                .isEqualTo(CommitResult.Protection.ACKNOWLEDGED);
        LocalCopy backup = engines.values().stream().map(e -> e.peek(key("p1"))).filter(o -> o.isPresent()
                && o.get().role() == Role.BACKUP).findFirst().orElseThrow().orElseThrow();
        assertThat(counterOf(backup)).isEqualTo(3);
    }

    /**
     * A secondary paused long enough to be declared dead keeps a copy its primary no longer updates (the primary
     * moved the session to another secondary and went on). When the primary then dies, both copies are promoted;
     * the paused node's copy is suspect (its own lease lapsed while it held it) and is checked against the other
     * node before it is served: the client sees every acknowledged update, not the stale copy.
     */
    @Test
    void aCopyHeldAcrossAPauseIsCheckedBeforeItIsServed() throws Exception {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        node("a").create(key("s1"), newSession(1));
        await().atMost(WAIT).until(() -> peek("b", key("s1")).filter(c -> c.role() == Role.BACKUP).isPresent());
        CountDownLatch wake = new CountDownLatch(1);
        node("b").onEngineThread(() -> {
            try {
                wake.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(WAIT).until(() -> !node("a").status().liveMembers().contains(NodeId.of("b")));
        for (int i = 2; i <= 5; i++) {
            assertThat(node("a").commit(key("s1"), setCounter(i)).protection())
                    .isEqualTo(CommitResult.Protection.ACKNOWLEDGED);
        }
        assertThat(counterOf(peek("c", key("s1")).orElseThrow())).isEqualTo(5);

        wake.countDown();
        await().atMost(WAIT).until(() -> node("b").status().leaseValid()
                && node("a").status().liveMembers().contains(NodeId.of("b")));
        kill("a");
        awaitDeclaredDead("a");

        SessionSnapshot served = node("b").open(key("s1"), new Route("s1", NodeId.of("a"), NodeId.of("c"), 1))
                .orElseThrow();
        assertThat(counterOf(served.data())).as("every acknowledged update").isEqualTo(5);
        assertThat(node("b").metrics().get(Counter.LEASE_LAPSES)).isEqualTo(1);
    }

    /**
     * A secondary declared dead by mistake while it runs normally (its heartbeats to the primary lost for a while,
     * as when its lifeline alone drops): the primary moves the session to another secondary and goes on. When it
     * hears the node again, it tells it to drop that copy, so the primary's death later promotes only the current one.
     */
    @Test
    void aSecondaryDeclaredDeadByMistakeDropsTheCopyItNoLongerBacks() throws Exception {
        startAll("a", "b", "c");
        node("a").setPreferredSecondary(NodeId.of("b"));
        node("a").create(key("s2"), newSession(1));
        await().atMost(WAIT).until(() -> peek("b", key("s2")).filter(c -> c.role() == Role.BACKUP).isPresent());
        FrameCodec codec = new FrameCodec();
        broker.dropWhere((to, frame) -> to.equals(NodeId.of("a"))
                && codec.decode(frame).sender().equals(NodeId.of("b")));
        await().atMost(WAIT).until(() -> !node("a").status().liveMembers().contains(NodeId.of("b")));
        for (int i = 2; i <= 5; i++) {
            assertThat(node("a").commit(key("s2"), setCounter(i)).protection())
                    .isEqualTo(CommitResult.Protection.ACKNOWLEDGED);
        }
        assertThat(counterOf(peek("c", key("s2")).orElseThrow())).isEqualTo(5);
        assertThat(node("b").status().leaseValid()).as("b itself never stopped").isTrue();

        broker.dropWhere((to, frame) -> false);
        await().atMost(WAIT).until(() -> peek("b", key("s2")).isEmpty());
        assertThat(node("a").metrics().get(Counter.STALE_COPIES_RELEASED)).isEqualTo(1);

        kill("a");
        awaitDeclaredDead("a");
        SessionSnapshot served = node("b").open(key("s2"), new Route("s2", NodeId.of("a"), NodeId.of("c"), 1))
                .orElseThrow();
        assertThat(counterOf(served.data())).as("every acknowledged update").isEqualTo(5);
    }
}
