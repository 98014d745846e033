package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.CommitResult.Protection;
import dev.understudy.core.engine.Counter;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.route.Route;
import dev.understudy.core.spi.Transport;
import dev.understudy.core.testing.EngineClusterSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker goes away while sessions are being served: requests go on, degraded and counted; nobody is
 * declared dead (losing the broker is no evidence about peers); when the broker is back the sessions resync.
 */
class BrokerOutageIT extends EngineClusterSupport {
    @RegisterExtension
    final ArtemisEngineSupport artemis = new ArtemisEngineSupport();

    @Override
    protected Transport newTransport() {
        return artemis.transport();
    }

    @Test
    void requestsGoOnDegradedDuringAnOutageAndSessionsResyncAfterwards() {
        startAll("a", "b");
        SessionSnapshot s = node("a").create(key("o1"), newSession(0));
        assertThat(node("a").commit(key("o1"), setCounter(1)).protection()).isEqualTo(Protection.ACKNOWLEDGED);

        artemis.broker().stop();
        await().atMost(WAIT).until(() -> !node("a").status().connected() && !node("b").status().connected());
        SessionSnapshot served = node("a").open(key("o1"), new Route("o1", s.primary(), s.secondary(), 1))
                .orElseThrow();
        CommitResult during = node("a").commit(key("o1"), setCounter(counterOf(served.data()) + 1));

        assertThat(during.protection()).isEqualTo(Protection.UNPROTECTED);
        assertThat(node("a").metrics().get(Counter.DEGRADED_REQUESTS)).isGreaterThanOrEqualTo(2);

        artemis.broker().start();
        await().atMost(WAIT).until(() -> node("a").status().connected() && node("b").status().connected());
        await().atMost(WAIT).until(() -> peek("b", key("o1")).map(c -> c.snapshot().stamp().equals(during.stamp()))
                .orElse(false));
        LocalCopy atB = peek("b", key("o1")).orElseThrow();
        assertThat(counterOf(atB)).isEqualTo(2);
        awaitMembership();
        assertThat(node("a").commit(key("o1"), setCounter(3)).protection()).isEqualTo(Protection.ACKNOWLEDGED);
        assertThat(counterOf(peek("b", key("o1")).orElseThrow())).isEqualTo(3);
        for (String id : new String[] {"a", "b"}) {
            assertThat(node(id).metrics().get(Counter.PEERS_DECLARED_DEAD)).as(id + " declared a peer dead").isZero();
            assertThat(node(id).metrics().get(Counter.PROACTIVE_TAKEOVERS)).isZero();
        }
    }
}
