package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionMovedException;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

/** What every endpoint shares: method dispatch, the JSON errors, and the reply written after the commit point. */
class ShopServletTest {
    private final NodeName nodes = new NodeName(() -> "node-a");
    private final CounterServlet counter = new CounterServlet(nodes);

    @Test
    void aWrongMethodIsA405WithAllowAndNoSession() throws Exception {
        Exchange x = new Exchange("DELETE").run(counter);

        assertThat(x.status).isEqualTo(405);
        assertThat(x.headers).containsEntry("Allow", "GET, POST");
        assertThat(x.sessionsCreated).isZero();
        assertThat(x.body()).contains("\"error\":\"DELETE is not allowed here; allowed: GET, POST\"");
    }

    @Test
    void anUnavailableAdapterWhenOpeningTheSessionIsA503() throws Exception {
        Exchange x = Exchange.post();
        x.sessionFailure = new ReplicationException("no connection factory yet (US-W004)");

        x.run(counter);

        assertThat(x.status).isEqualTo(503);
        assertThat(x.body()).contains("\"session\":null", "\"node\":\"node-a\"",
                "\"error\":\"replication unavailable: no connection factory yet (US-W004)\"");
    }

    @Test
    void aReplicationExceptionWrappedByTheEjbContainerIsA503Too() throws Exception {
        Exchange x = Exchange.post();
        x.sessionFailure = new EJBException(new SessionMovedException("taken over by node-b"));

        assertThat(x.run(counter).status).isEqualTo(503);
        assertThat(x.body()).contains("taken over by node-b");
    }

    @Test
    void otherFailuresAreNotTheShopsToExplain() {
        Exchange x = Exchange.post();
        x.sessionFailure = new IllegalStateException("bug");

        assertThatThrownBy(() -> x.run(counter)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReplicationFailureAtTheCommitPointIsA503CommittedPastTheFiltersWrapper() throws Exception {
        FakeSession session = new FakeSession("abc");
        session.attributes.put("counter", 1);
        Exchange x = Exchange.post().session(session, 4);
        x.commitPoint = () -> {
            throw new ReplicationException("the secondary did not answer in time");
        };

        x.run(counter);

        assertThat(x.commitPoints).isEqualTo(1);
        assertThat(x.committed).isTrue();
        assertThat(x.status).isEqualTo(503);
        assertThat(x.contentType).isEqualTo("application/json;charset=UTF-8");
        assertThat(x.body()).contains("\"session\":\"abc\"", "\"version\":4",
                "\"error\":\"not replicated: the secondary did not answer in time\"").doesNotContain("count");
    }
}
