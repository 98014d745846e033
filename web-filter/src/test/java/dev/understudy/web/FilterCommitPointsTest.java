package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ObjectInputFilter.Status;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When replication happens: before the response commits (SYNC: the client sees nothing unacknowledged), before
 * an include, at the end; across async and error dispatches; and what happens when ownership or the adapter
 * fails.
 */
class FilterCommitPointsTest {

    private final FilterHarness harness = new FilterHarness();

    @BeforeEach
    void start() throws Exception {
        TestValues.EVENTS.clear();
        harness.start();
    }

    @AfterEach
    void logsRendered() {
        harness.close();
    }

    private String sessionWithCounter() throws Exception {
        String cookie = harness.request(null, (req, res) -> req.getSession().setAttribute("counter", 1))
                .cookie().orElseThrow();
        harness.replication.log.clear();
        return cookie;
    }

    @Test
    void theChangeIsReplicatedBeforeTheResponseCommitsWhenTheBodyOutgrowsTheBuffer() throws Exception {
        String cookie = sessionWithCounter();

        harness.request(cookie, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            res.getOutputStream().write(new byte[20_000]);
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]",
                "response committed");
    }

    @Test
    void aNewSessionAndItsCookieAreInPlaceBeforeARedirectCommits() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            req.getSession().setAttribute("user", "ann");
            res.sendRedirect("/shop/home");
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 [user]", "response committed");
        assertThat(exchange.cookie()).isPresent();
        assertThat(exchange.response().redirect).isEqualTo("/shop/home");
    }

    @Test
    void changesAfterTheCommitAreReplicatedAtTheEnd() throws Exception {
        String cookie = sessionWithCounter();

        harness.request(cookie, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            res.flushBuffer();
            req.getSession().setAttribute("late", "x");
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]",
                "response committed", "commit sid-1 set=[late] removed=[]");
    }

    @Test
    void aFailedSyncReplicationSurfacesFromTheCommitAndTheResponseIsNotCommitted() throws Exception {
        String cookie = sessionWithCounter();
        harness.replication.failNextCommit = new ReplicationException("secondary did not acknowledge in time");

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            assertThatThrownBy(res::flushBuffer).isInstanceOf(ReplicationException.class);
            assertThat(res.isCommitted()).isFalse();
        });

        assertThat(exchange.response().committed).isFalse();
        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]");
        assertThat(harness.stats().snapshot()).containsEntry("replicationFailures", 1L);
        assertThat(harness.codes()).contains("US-W022");
    }

    @Test
    void aReplicationFailureAtTheEndFailsTheRequest() throws Exception {
        String cookie = sessionWithCounter();
        harness.replication.failNextCommit = new ReplicationException("broker gone");

        assertThatThrownBy(() -> harness.request(cookie, (req, res) -> req.getSession().setAttribute("counter", 2)))
                .isInstanceOf(ReplicationException.class);
        assertThat(harness.replication.connectionsClosed).isEqualTo(harness.replication.connectionsOpened);
    }

    @Test
    void anApplicationFailureKeepsItsExceptionAndReplicatesWhatChanged() throws Exception {
        String cookie = sessionWithCounter();

        assertThatThrownBy(() -> harness.request(cookie, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            throw new IllegalStateException("application bug");
        })).hasMessage("application bug");
        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]");
    }

    @Test
    void anIncludeIsACommitPoint() throws Exception {
        String cookie = sessionWithCounter();
        FakeHttp.Request request = harness.newRequest(cookie);
        request.dispatcher = new RequestDispatcher() {
            @Override
            public void forward(ServletRequest req, ServletResponse res) {
                harness.replication.log.add("forward");
            }

            @Override
            public void include(ServletRequest req, ServletResponse res) {
                harness.replication.log.add("include");
            }
        };

        harness.send(request, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            req.getRequestDispatcher("/fragment.jsp").include(req, res);
            req.getRequestDispatcher("/page.jsp").forward(req, res);
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]",
                "include", "forward");
    }

    @Test
    void aSessionThatMovedIsReopenedAndTheChangeRetriedOnce() throws Exception {
        String cookie = sessionWithCounter();
        harness.replication.moveNextCommits = 1;

        harness.request(cookie, (req, res) -> req.getSession().setAttribute("counter", 2));

        assertThat(harness.replication.log).containsExactly("open sid-1", "moved sid-1", "open sid-1",
                "commit sid-1 set=[counter] removed=[]");
        assertThat(harness.stats().snapshot()).containsEntry("moved", 1L);
        assertThat(harness.codes()).contains("US-W020");
    }

    @Test
    void aSessionGoneEverywhereDropsTheChangesCountedAndClearsTheCookie() throws Exception {
        String cookie = sessionWithCounter();

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            req.getSession().setAttribute("counter", 2);
            harness.replication.store.clear();
        });

        assertThat(harness.stats().snapshot()).containsEntry("changesDropped", 1L);
        assertThat(harness.codes()).contains("US-W020", "US-W021");
        assertThat(exchange.cookie()).hasValue("");
    }

    @Test
    void staticResourcesPassThroughUntouched() throws Exception {
        FakeHttp.Request request = new FakeHttp.Request("/shop", "/css/site.CSS;v=2");

        FilterHarness.Exchange exchange = harness.send(request, (req, res) -> {
        });

        assertThat(exchange.seenRequest()).isSameAs(request);
        assertThat(harness.replication.connectionsOpened).isZero();
    }

    @Test
    void anAsyncRequestReplicatesWhenItsCycleCompletes() throws Exception {
        String cookie = sessionWithCounter();
        HttpServletRequest[] asyncRequest = new HttpServletRequest[1];

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            asyncRequest[0] = (HttpServletRequest) req.startAsync().getRequest();
        });
        assertThat(harness.replication.log).isEmpty();

        asyncRequest[0].getSession().setAttribute("counter", 2);
        exchange.request().async.complete();

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]");
    }

    @Test
    void anAsyncDispatchServesTheSameSession() throws Exception {
        FakeHttp.Request request = harness.newRequest(null);
        FilterHarness.Exchange first = harness.send(request, (req, res) -> {
            req.getSession().setAttribute("step", 1);
            req.startAsync(request, res);
        });
        request.dispatcherType = DispatcherType.ASYNC;

        harness.send(request, (req, res) -> assertThat(req.getSession().getAttribute("step")).isEqualTo(1));
        first.request().async.complete();

        assertThat(harness.replication.log).containsExactly("create sid-1 [step]");
    }

    @Test
    void anErrorDispatchAfterTheRequestContinuesWithItsSession() throws Exception {
        FakeHttp.Request request = harness.newRequest(null);
        assertThatThrownBy(() -> harness.send(request, (req, res) -> {
            req.getSession().setAttribute("cart", "x");
            throw new ServletException("boom");
        })).isInstanceOf(ServletException.class);
        request.dispatcherType = DispatcherType.ERROR;

        FilterHarness.Exchange error = harness.send(request, (req, res) -> {
            assertThat(req.getSession(false)).isNotNull();
            assertThat(req.getSession().getAttribute("cart")).isEqualTo("x");
            assertThat(req.getSession().isNew()).isTrue();
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 [cart]", "open sid-1", "touch sid-1");
        assertThat(error.response().setCookies()).isEmpty();
    }

    @Test
    void expiryRunsTheListenersOnTheApplicationsExecutor() throws Exception {
        FilterHarness expiring = new FilterHarness();
        expiring.initParameters.put("listeners", TestValues.Recorder.class.getName());
        expiring.start();
        TestValues.Recorder.destroyed = new CountDownLatch(1);
        byte[] bound = new AttributeMarshaller(getClass().getClassLoader(), i -> Status.UNDECIDED, 0)
                .marshal("b", new TestValues.Bound("gone"));

        expiring.replication.listeners.get("WEB:/shop").expired(SessionKey.web("/shop", "sid-x"),
                new SessionState(1, 2, 60, Map.of("b", bound)));

        assertThat(TestValues.Recorder.destroyed.await(10, TimeUnit.SECONDS)).isTrue();
        expiring.filter.destroy();
        assertThat(expiring.replication.listeners).isEmpty();
        assertThat(TestValues.EVENTS).containsExactly("destroyed sid-x [b]", "valueUnbound gone", "removed b=gone");
        expiring.close();
    }

    @Test
    void expiryOfAnotherApplicationsSessionIsIgnored() {
        ExpiryRelay relay = harness.filter.expiryRelay();

        relay.expired(new SessionKey(SessionKind.WEB, "/other", "s"), new SessionState(1, 2, 60, Map.of()));
        relay.expired(new SessionKey(SessionKind.EJB, "/shop", "s"), new SessionState(1, 2, 60, Map.of()));

        assertThat(TestValues.EVENTS).isEmpty();
    }

    @Test
    void aFactoryThatAppearsAfterInitIsFoundByALaterRequest() throws Exception {
        FilterHarness late = new FilterHarness();
        late.jndi.clear();
        late.start();
        assertThatThrownBy(() -> late.request(null, (req, res) -> req.getSession()))
                .isInstanceOf(ReplicationException.class).hasMessageContaining("connection factory");

        late.jndi.put("understudy/ReplicationConnectionFactory", late.replication);
        assertThatThrownBy(() -> late.request(null, (req, res) -> req.getSession()))
                .as("looked up again only after the retry interval").isInstanceOf(ReplicationException.class);

        late.nanos += ConnectionSource.RETRY_NANOS;
        late.request(null, (req, res) -> req.getSession());
        assertThat(late.replication.log).containsExactly("create sid-1 []");
        assertThat(late.replication.listeners).containsOnlyKeys("WEB:/shop");
        assertThat(late.codes()).containsSubsequence("US-W002", "US-W004", "US-W003");
        late.close();
    }
}
