package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.engine.LocalCopy.Role;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineClusterSupport;
import dev.understudy.core.testing.InMemoryBroker;
import dev.understudy.core.route.Route;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Messages that vanish: SYNC does not pretend, and the periodic version check heals the secondary (I4). */
class LostMessagesTest extends EngineClusterSupport {
    private final InMemoryBroker broker = new InMemoryBroker();

    @Override
    protected Transport newTransport() {
        return broker.transport();
    }

    @Test
    void syncTimesOutWhenTheSecondaryNeverAnswersAndTheVersionCheckHealsItLater() {
        start("a", b -> b.syncTimeout(Duration.ofMillis(500)).digestInterval(Duration.ofMillis(300)));
        start("b");
        awaitMembership();
        node("a").create(key("l1"), newSession(0));
        NodeId b = NodeId.of("b");
        broker.dropWhere((to, frame) -> to.equals(b) && frame.length > 60);

        assertThatThrownBy(() -> node("a").commit(key("l1"), setCounter(1)))
                .isInstanceOf(ReplicationTimeoutException.class);
        assertThat(node("a").metrics().get(Counter.SYNC_TIMEOUTS)).isEqualTo(1);
        assertThat(counterOf(peek("b", key("l1")).orElseThrow())).isZero();

        broker.dropWhere((to, frame) -> false);
        await().atMost(WAIT).until(() -> peek("b", key("l1"))
                .filter(c -> c.role() == Role.BACKUP && c.snapshot().stamp().equals(new Stamp(1, 2))).isPresent());
        assertThat(counterOf(peek("b", key("l1")).orElseThrow())).isEqualTo(1);
        assertThat(node("b").metrics().get(Counter.DIGEST_MISMATCHES)).isPositive();
        assertThat(node("a").metrics().get(Counter.RESYNCS_SENT)).isPositive();
    }

    @Test
    void aWaitingSyncChangeIsReleasedUnprotectedWhenItsOnlySecondaryDies() throws Exception {
        start("a");
        start("b", x -> x.syncTimeout(Duration.ofSeconds(30)));
        awaitMembership();
        node("b").create(key("u1"), newSession(0));
        NodeId a = NodeId.of("a");
        broker.dropWhere((to, frame) -> to.equals(a) && frame.length > 60);
        var pending = CompletableFuture.supplyAsync(() -> node("b").commit(key("u1"), setCounter(1)));
        await().atMost(WAIT).until(() -> node("b").status().primaries() == 1 && !pending.isDone());

        kill("a");

        CommitResult r = pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r.protection()).isEqualTo(CommitResult.Protection.UNPROTECTED);
        assertThat(r.secondary()).isNull();
        assertThat(node("b").metrics().get(Counter.SYNC_TIMEOUTS)).isZero();
    }

    @Test
    void aNodeThatDidNotAnswerTheFetchIsNotChosenAsTheNewSecondary() {
        start("a");
        start("b");
        awaitMembership();
        node("a").create(key("f1"), newSession(5));
        NodeId a = NodeId.of("a");
        // a hangs: it still sends heartbeats, but everything sent to it is lost
        broker.dropWhere((to, frame) -> to.equals(a));

        var served = node("b").open(key("f1"), new Route("f1", a, NodeId.of("b"), 1))
                .orElseThrow();

        assertThat(counterOf(served.data())).isEqualTo(5);
        assertThat(served.primary()).isEqualTo(NodeId.of("b"));
        assertThat(served.secondary()).as("a did not answer the fetch: not a candidate").isNull();
    }
}
