package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionStatus;
import dev.understudy.api.SessionState;
import jakarta.servlet.http.HttpSession;
import java.io.ObjectInputFilter.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session lifecycle through the filter: create, reuse, cookies, invalidate, id change, takeover. */
class FilterSessionTest {

    private final FilterHarness harness = new FilterHarness();

    @BeforeEach
    void start() throws Exception {
        TestValues.EVENTS.clear();
        harness.initParameters.put("listeners", TestValues.Recorder.class.getName());
        harness.start();
    }

    @AfterEach
    void logsRendered() {
        harness.close();
    }

    private static void increment(jakarta.servlet.http.HttpServletRequest request) {
        HttpSession session = request.getSession();
        Integer count = (Integer) session.getAttribute("counter");
        session.setAttribute("counter", count == null ? 1 : count + 1);
    }

    @Test
    void aRequestThatNeverAsksForTheSessionCostsNothing() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> res.getWriter().print("hi"));

        assertThat(harness.replication.connectionsOpened).isZero();
        assertThat(exchange.response().setCookies()).isEmpty();
    }

    @Test
    void getSessionFalseWithoutCookieIsNullAndSetsNoCookie() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            assertThat(req.getSession(false)).isNull();
            assertThat(req.getRequestedSessionId()).isNull();
            assertThat(req.isRequestedSessionIdValid()).isFalse();
        });

        assertThat(exchange.response().setCookies()).isEmpty();
        assertThat(harness.replication.connectionsClosed).isEqualTo(harness.replication.connectionsOpened);
    }

    @Test
    void aNewSessionIsCreatedWithItsFirstStateInOneReplicationAndGetsItsCookie() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            increment(req);
            assertThat(req.getSession().isNew()).isTrue();
            assertThat(req.getSession(false)).isSameAs(req.getSession());
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 [counter]");
        assertThat(exchange.setCookieHeader()).isEqualTo("USSESSION=" + InMemoryReplication.encode(
                new SessionRoute("sid-1", "node-a", "node-b", 1)) + "; Path=/shop; HttpOnly; SameSite=Lax");
        assertThat(TestValues.EVENTS).containsExactly("created sid-1", "added counter=1");
        assertThat(harness.stats().snapshot()).containsEntry("sessionsCreated", 1L);
        assertThat(harness.replication.connectionsClosed).isEqualTo(1);
    }

    @Test
    void theApplicationLearnsWhereItsSessionStandsAtEachCommitPoint() throws Exception {
        String cookie = harness.request(null, (req, res) -> {
            increment(req);
            assertThat(req.getAttribute(SessionStatus.ATTRIBUTE)).as("nothing replicated yet").isNull();
            res.flushBuffer();
            assertThat(req.getAttribute(SessionStatus.ATTRIBUTE)).isEqualTo(
                    new SessionStatus("sid-1", "node-a", "node-a", "node-b", 1, 1, null, false));
        }).cookie().orElseThrow();

        harness.request(cookie, (req, res) -> {
            req.getSession();
            assertThat(req.getAttribute(SessionStatus.ATTRIBUTE)).as("as opened").isEqualTo(
                    new SessionStatus("sid-1", "node-a", "node-a", "node-b", 1, 1, null, false));
            increment(req);
            res.flushBuffer();
            assertThat(req.getAttribute(SessionStatus.ATTRIBUTE)).as("after this request's change").isEqualTo(
                    new SessionStatus("sid-1", "node-a", "node-a", "node-b", 1, 2,
                            CommitReceipt.Protection.ACKNOWLEDGED, false));
            req.getSession().invalidate();
            assertThat(req.getAttribute(SessionStatus.ATTRIBUTE)).as("no session, no status").isNull();
        });
    }

    /** Found by the Payara failover tests: the retry at the end of the request created the session twice (500). */
    @Test
    void aCreateThatFailedAfterStoringIsNotCreatedTwiceTheNextCommitPointSendsTheState() throws Exception {
        harness.replication.failNextCreateAfterStoring = new dev.understudy.api.ReplicationException(
                "not done within 10000 ms");

        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            increment(req);
            assertThatThrownBy(res::flushBuffer).hasMessageContaining("not done within");
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 [counter]", "open sid-1",
                "commit sid-1 set=[counter] removed=[]");
        assertThat(exchange.cookie()).as("the session exists: the client gets its cookie").isPresent();
    }

    @Test
    void aSecureRequestGetsASecureCookie() throws Exception {
        FakeHttp.Request request = harness.newRequest(null);
        request.secure = true;

        FilterHarness.Exchange exchange = harness.send(request, (req, res) -> req.getSession());

        assertThat(exchange.setCookieHeader()).contains("; Secure");
    }

    @Test
    void theNextRequestReplicatesOnlyWhatChangedAndSetsNoCookie() throws Exception {
        String cookie = harness.request(null, (req, res) -> {
            increment(req);
            req.getSession().setAttribute("user", "ann");
        }).cookie().orElseThrow();
        harness.replication.log.clear();
        harness.now += 1000;

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            increment(req);
            assertThat(req.getSession().isNew()).isFalse();
            assertThat(req.getSession().getAttribute("user")).isEqualTo("ann");
            assertThat(req.getRequestedSessionId()).isEqualTo("sid-1");
            assertThat(req.isRequestedSessionIdValid()).isTrue();
            assertThat(req.isRequestedSessionIdFromCookie()).isTrue();
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[counter] removed=[]");
        assertThat(exchange.response().setCookies()).isEmpty();
        assertThat(harness.replication.entry("/shop", "sid-1").state.lastAccessedTime()).isEqualTo(harness.now);
    }

    @Test
    void aRequestThatChangesNothingTouches() throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();
        harness.replication.log.clear();

        harness.request(cookie, (req, res) -> req.getSession().getAttribute("counter"));

        assertThat(harness.replication.log).containsExactly("open sid-1", "touch sid-1");
    }

    @Test
    void aListChangedInPlaceIsReplicatedWithoutSetAttribute() throws Exception {
        String cookie = harness.request(null, (req, res) -> req.getSession().setAttribute("cart",
                new ArrayList<>(List.of("apple")))).cookie().orElseThrow();
        harness.replication.log.clear();

        harness.request(cookie, (req, res) -> {
            @SuppressWarnings("unchecked")
            List<String> cart = (List<String>) req.getSession().getAttribute("cart");
            cart.add("pear");
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[cart] removed=[]");
    }

    @Test
    void aGarbledOrForgedCookieIsNoSessionNeverFetchedAndIsCleared() throws Exception {
        String forged = InMemoryReplication.encode(new SessionRoute("sid-9", "node-a", "node-b", 1)) + "0";
        for (String bad : List.of("garbage", forged, "a.b.c.d.e")) {
            harness.replication.log.clear();
            FilterHarness.Exchange exchange = harness.request(bad, (req, res) -> {
                assertThat(req.getSession(false)).isNull();
                assertThat(req.getRequestedSessionId()).isNull();
            });
            assertThat(harness.replication.log).isEmpty();
            assertThat(exchange.setCookieHeader()).startsWith("USSESSION=; Max-Age=0;");
        }
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", 3L);
        assertThat(harness.codes()).containsSubsequence("US-W010");
    }

    @Test
    void aGarbledCookieGetsAFreshSessionOnDemand() throws Exception {
        FilterHarness.Exchange exchange = harness.request("garbage", (req, res) -> increment(req));

        assertThat(harness.replication.log).containsExactly("create sid-1 [counter]");
        assertThat(exchange.cookie()).hasValueSatisfying(v -> assertThat(v).startsWith("sid-1."));
    }

    @Test
    void aCookieForASessionThatNoLongerExistsIsCleared() throws Exception {
        String cookie = InMemoryReplication.encode(new SessionRoute("sid-gone", "node-a", "node-b", 1));

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            assertThat(req.getSession(false)).isNull();
            assertThat(req.getRequestedSessionId()).isEqualTo("sid-gone");
            assertThat(req.isRequestedSessionIdValid()).isFalse();
        });

        assertThat(harness.replication.log).containsExactly("open sid-gone");
        assertThat(exchange.cookie()).hasValue("");
    }

    @Test
    void aStoredSessionPastItsMaxInactiveIntervalIsServedAsAbsent() throws Exception {
        String cookie = harness.stored("sid-old", new SessionState(0, harness.now - 61_000, 60, Map.of()));

        harness.request(cookie, (req, res) -> assertThat(req.getSession(false)).isNull());

        assertThat(harness.stats().snapshot()).containsEntry("expiredOnOpen", 1L);
    }

    @Test
    void invalidateRemovesTheSessionEverywhereAndClearsTheCookie() throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();
        harness.replication.log.clear();
        TestValues.EVENTS.clear();

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            req.getSession().invalidate();
            assertThat(req.getSession(false)).isNull();
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "invalidate sid-1");
        assertThat(exchange.setCookieHeader())
                .isEqualTo("USSESSION=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop; HttpOnly;"
                        + " SameSite=Lax");
        assertThat(TestValues.EVENTS).containsExactly("destroyed sid-1 [counter]", "removed counter=1");
        assertThat(harness.replication.store).isEmpty();
    }

    @Test
    void aSessionCreatedAfterInvalidateGetsANewIdAndCookie() throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            req.getSession().invalidate();
            increment(req);
        });

        assertThat(exchange.cookie()).hasValueSatisfying(v -> assertThat(v).startsWith("sid-2."));
        assertThat(harness.replication.store).hasSize(1);
    }

    @Test
    void changeSessionIdIsAtomicOnTheStoreRewritesTheCookieAndTellsTheIdListeners() throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();
        harness.replication.log.clear();
        TestValues.EVENTS.clear();

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            String newId = req.changeSessionId();
            assertThat(newId).isEqualTo("sid-2");
            assertThat(req.getSession().getId()).isEqualTo("sid-2");
            assertThat(req.isRequestedSessionIdValid()).isFalse();
            increment(req);
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "changeId sid-1 -> sid-2",
                "commit sid-2 set=[counter] removed=[]");
        assertThat(exchange.cookie()).hasValueSatisfying(v -> assertThat(v).startsWith("sid-2."));
        assertThat(TestValues.EVENTS).containsExactly("idChanged sid-1 -> sid-2", "replaced counter was 1");
    }

    @Test
    void changeSessionIdWithoutASessionIsIllegal() throws Exception {
        harness.request(null, (req, res) -> assertThatThrownBy(req::changeSessionId)
                .isInstanceOf(IllegalStateException.class));
    }

    @Test
    void aSessionTakenOverHereGetsANewCookieAndActivatesItsValues() throws Exception {
        String cookie = harness.request(null, (req, res) -> req.getSession().setAttribute("a",
                new TestValues.Activated())).cookie().orElseThrow();
        harness.replication.arriveOnNextOpen = true;
        TestValues.EVENTS.clear();

        FilterHarness.Exchange exchange = harness.request(cookie, (req, res) -> {
            req.getSession(false);
            assertThat(((SessionStatus) req.getAttribute(SessionStatus.ATTRIBUTE)).takenOver()).isTrue();
        });

        assertThat(TestValues.EVENTS).containsExactly("sessionDidActivate sid-1");
        assertThat(exchange.cookie()).hasValue(InMemoryReplication.encode(
                new SessionRoute("sid-1", "node-a", "node-b", 2)));
        assertThat(harness.stats().snapshot()).containsEntry("sessionsArrived", 1L);
        assertThat(harness.codes()).contains("US-W013");
    }

    @Test
    void aSessionCannotBeCreatedOnceTheResponseIsCommitted() throws Exception {
        harness.request(null, (req, res) -> {
            res.flushBuffer();
            assertThat(req.getSession(false)).isNull();
            assertThatThrownBy(req::getSession).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("committed");
        });
        assertThat(harness.replication.store).isEmpty();
    }

    @Test
    void aChangedMaxInactiveIntervalTravels() throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();
        harness.replication.log.clear();

        harness.request(cookie, (req, res) -> req.getSession().setMaxInactiveInterval(60));

        assertThat(harness.replication.log).containsExactly("open sid-1",
                "commit sid-1 set=[] removed=[] maxInactive=60");
        assertThat(harness.replication.entry("/shop", "sid-1").state.maxInactiveSeconds()).isEqualTo(60);
    }

    @Test
    void newSessionsGetTheConfiguredMaxInactiveInterval() throws Exception {
        harness.request(null, (req, res) -> assertThat(req.getSession().getMaxInactiveInterval()).isEqualTo(1800));
    }

    @Test
    void anUnreadableAttributeIsQuarantinedAndTheRestOfTheSessionIsServed() throws Exception {
        String cookie = harness.stored("sid-q", new SessionState(harness.now, harness.now, 1800,
                Map.of("broken", new byte[] {1, 2, 3}, "user",
                        new AttributeMarshaller(getClass().getClassLoader(), i -> Status.UNDECIDED, 0)
                                .marshal("user", "ann"))));

        harness.request(cookie, (req, res) -> {
            assertThat(req.getSession().getAttribute("broken")).isNull();
            assertThat(req.getSession().getAttribute("user")).isEqualTo("ann");
        });

        assertThat(harness.stats().snapshot()).containsEntry("quarantined", 1L);
        assertThat(harness.codes()).contains("US-W030");
    }

    @Test
    void anUnserializableOrOversizedValueIsRefusedAtSetAttribute() throws Exception {
        harness.replication.limits = new dev.understudy.api.SizeLimits(100, 1000);
        harness.request(null, (req, res) -> {
            assertThatThrownBy(() -> req.getSession().setAttribute("w", new TestValues.NotSerializable()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'");
            assertThatThrownBy(() -> req.getSession().setAttribute("blob", new byte[500]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'blob'");
        });
    }
}
