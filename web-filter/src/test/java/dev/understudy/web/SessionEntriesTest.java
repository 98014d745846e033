package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CurrentSession;
import dev.understudy.api.SessionEntries;
import dev.understudy.api.SizeLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bean interceptors' state through the filter: {@link CurrentSession} bound while the chain runs, entries
 * hidden from the application, replicated with the session, following it through id changes and takeover, and
 * ending with it — the container's own session included.
 */
class SessionEntriesTest {

    /** The stored name of entry {@code bean}. */
    private static final String BEAN = SessionAttributes.ENTRY_PREFIX + "bean";
    /** Not a serialization stream: an entry holding it shows that nothing deserializes entries. */
    private static final byte[] STATE = {1, 2, 3};

    private final FilterHarness harness = new FilterHarness();

    @BeforeEach
    void start() throws Exception {
        TestValues.EVENTS.clear();
        harness.initParameters.put("listeners", TestValues.Recorder.class.getName());
        harness.start();
    }

    @AfterEach
    void logsRenderedAndNothingLeftBound() {
        harness.close();
        assertThat(CurrentSession.isBound()).isFalse();
    }

    private static SessionEntries entries() {
        return CurrentSession.entries(true).orElseThrow();
    }

    /** A session holding attribute {@code user} and entry {@code bean}; its cookie, with log and events cleared. */
    private String sessionWithEntry() throws Exception {
        String cookie = harness.request(null, (req, res) -> {
            req.getSession().setAttribute("user", "ann");
            entries().put("bean", STATE);
        }).cookie().orElseThrow();
        harness.replication.log.clear();
        TestValues.EVENTS.clear();
        return cookie;
    }

    @Test
    void theSessionIsBoundWhileTheChainRunsAndUnboundAfterEvenWhenItThrows() throws Exception {
        assertThat(CurrentSession.isBound()).isFalse();

        harness.request(null, (req, res) -> assertThat(CurrentSession.isBound()).isTrue());
        assertThat(CurrentSession.isBound()).isFalse();

        assertThatThrownBy(() -> harness.request(null, (req, res) -> {
            assertThat(CurrentSession.isBound()).isTrue();
            throw new ServletException("application bug");
        })).hasMessage("application bug");
        assertThat(CurrentSession.isBound()).isFalse();
    }

    @Test
    void aNestedPassThroughTheFilterBindsTheSameSessionAndRestoresTheOuterBinding() throws Exception {
        harness.request(null, (req, res) -> {
            String id = entries().sessionId();
            harness.filter.doFilter(req, res, (innerReq, innerRes) ->
                    assertThat(CurrentSession.entries(false).orElseThrow().sessionId()).isEqualTo(id));
            assertThat(CurrentSession.entries(false).orElseThrow().sessionId()).isEqualTo(id);
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 []");
    }

    @Test
    void anAsyncDispatchIsBoundToTheRequestsSession() throws Exception {
        FakeHttp.Request request = harness.newRequest(null);
        FilterHarness.Exchange first = harness.send(request, (req, res) -> {
            entries().put("bean", STATE);
            req.startAsync(request, res);
        });
        request.dispatcherType = DispatcherType.ASYNC;

        harness.send(request, (req, res) -> assertThat(CurrentSession.entries(false).orElseThrow().get("bean"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(STATE)));
        first.request().async.complete();

        assertThat(harness.replication.log).containsExactly("create sid-1 [" + BEAN + "]");
    }

    @Test
    void anExcludedRequestIsNotBound() throws Exception {
        harness.send(new FakeHttp.Request("/shop", "/css/site.css"),
                (req, res) -> assertThat(CurrentSession.isBound()).isFalse());
    }

    @Test
    void withoutASessionEntriesFalseIsEmptyAndCreatesNothing() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            assertThat(CurrentSession.entries(false)).isEmpty();
            assertThat(req.getSession(false)).isNull();
        });

        assertThat(exchange.response().setCookies()).isEmpty();
        assertThat(harness.replication.store).isEmpty();
        assertThat(TestValues.EVENTS).isEmpty();
    }

    @Test
    void entriesTrueCreatesTheSessionAsGetSessionDoesWithTheEntriesInItsFirstState() throws Exception {
        FilterHarness.Exchange exchange = harness.request(null, (req, res) -> {
            SessionEntries entries = CurrentSession.entries(true).orElseThrow();
            entries.put("bean", STATE);
            HttpSession session = req.getSession(false);
            assertThat(session).isNotNull();
            assertThat(entries.sessionId()).isEqualTo(session.getId());
            assertThat(entries.creationTime()).isEqualTo(session.getCreationTime());
            assertThat(entries.isValid()).isTrue();
            assertThat(entries.deserializationFilter()).isEqualTo(harness.replication.deserializationFilter);
        });

        assertThat(TestValues.EVENTS).containsExactly("created sid-1");
        assertThat(harness.replication.log).containsExactly("create sid-1 [" + BEAN + "]");
        assertThat(harness.replication.entry("/shop", "sid-1").state.attributes()).containsEntry(BEAN, STATE);
        assertThat(exchange.cookie()).hasValueSatisfying(v -> assertThat(v).startsWith("sid-1."));
    }

    @Test
    void onceTheResponseCommittedNoSessionIsCreatedButAnExistingOneIsServed() throws Exception {
        harness.request(null, (req, res) -> {
            res.flushBuffer();
            assertThat(CurrentSession.entries(true)).isEmpty();
        });
        assertThat(harness.replication.store).isEmpty();
        assertThat(TestValues.EVENTS).isEmpty();

        String cookie = sessionWithEntry();
        harness.request(cookie, (req, res) -> {
            res.flushBuffer();
            assertThat(entries().get("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(STATE));
        });
    }

    @Test
    void entriesAreHiddenFromTheApplicationAndRaiseNoEvents() throws Exception {
        String cookie = sessionWithEntry();

        harness.request(cookie, (req, res) -> {
            HttpSession session = req.getSession();
            assertThat(Collections.list(session.getAttributeNames())).containsExactly("user");
            assertThat(session.getAttribute(BEAN)).isNull();
            assertThatThrownBy(() -> session.setAttribute(BEAN, "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() -> session.removeAttribute(BEAN)).isInstanceOf(IllegalArgumentException.class);
            assertThat(entries().get("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(STATE));
        });

        assertThat(TestValues.EVENTS).isEmpty();
        assertThat(harness.replication.log).containsExactly("open sid-1", "touch sid-1");
    }

    @Test
    void entriesOutliveTheRequestAndOnlyTheirChangesTravel() throws Exception {
        String cookie = sessionWithEntry();
        String other = SessionAttributes.ENTRY_PREFIX + "other";

        harness.request(cookie, (req, res) -> entries().put("bean", STATE.clone()));
        assertThat(harness.replication.log).containsExactly("open sid-1", "touch sid-1");
        harness.replication.log.clear();

        harness.request(cookie, (req, res) -> {
            entries().put("bean", new byte[] {4});
            entries().put("other", new byte[] {5});
        });
        assertThat(harness.replication.log).containsExactly("open sid-1",
                "commit sid-1 set=[" + BEAN + ", " + other + "] removed=[]");
        harness.replication.log.clear();

        harness.request(cookie, (req, res) -> {
            entries().remove("bean");
            entries().remove("absent");
        });
        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[] removed=[" + BEAN + "]");
        assertThat(harness.replication.entry("/shop", "sid-1").state.attributes()).containsOnlyKeys("user", other);
        assertThat(TestValues.EVENTS).isEmpty();
    }

    @Test
    void aSessionArrivingByTakeoverActivatesItsValuesButNeverReadsItsEntries() throws Exception {
        String cookie = harness.request(null, (req, res) -> {
            req.getSession().setAttribute("a", new TestValues.Activated());
            entries().put("bean", STATE);
        }).cookie().orElseThrow();
        harness.replication.arriveOnNextOpen = true;
        TestValues.EVENTS.clear();

        harness.request(cookie, (req, res) -> assertThat(entries().get("bean"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(STATE)));

        assertThat(TestValues.EVENTS).containsExactly("sessionDidActivate sid-1");
        assertThat(harness.stats().snapshot()).containsEntry("quarantined", 0L);
    }

    @Test
    void changeSessionIdKeepsTheEntriesUnderTheNewId() throws Exception {
        String cookie = sessionWithEntry();

        harness.request(cookie, (req, res) -> {
            SessionEntries entries = entries();
            assertThat(entries.sessionId()).isEqualTo("sid-1");
            req.changeSessionId();
            assertThat(entries.sessionId()).isEqualTo("sid-2");
            assertThat(entries.get("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(STATE));
            assertThat(CurrentSession.entries(false).orElseThrow().sessionId()).isEqualTo("sid-2");
        });

        assertThat(harness.replication.entry("/shop", "sid-1")).isNull();
        assertThat(harness.replication.entry("/shop", "sid-2").state.attributes()).containsEntry(BEAN, STATE);
    }

    @Test
    void afterInvalidationTheEntriesAreGoneWritesAreIgnoredAndANewSessionStartsEmpty() throws Exception {
        String cookie = sessionWithEntry();

        harness.request(cookie, (req, res) -> {
            SessionEntries entries = entries();
            req.getSession().invalidate();
            assertThat(entries.isValid()).isFalse();
            assertThat(entries.get("bean")).isEmpty();
            assertThat(entries.getAll("")).isEmpty();
            entries.put("bean", new byte[] {9});
            entries.remove("bean");
            assertThat(CurrentSession.entries(false)).isEmpty();

            SessionEntries fresh = entries();
            assertThat(fresh.sessionId()).isEqualTo("sid-2");
            assertThat(fresh.getAll("")).isEmpty();
        });

        assertThat(harness.replication.log).containsExactly("open sid-1", "invalidate sid-1", "create sid-2 []");
        assertThat(TestValues.EVENTS).containsExactly("destroyed sid-1 [user]", "removed user=ann", "created sid-2");
    }

    @Test
    void anEntryAboveALimitIsRefusedAndNothingChanges() throws Exception {
        harness.replication.limits = new SizeLimits(100, 300);

        harness.request(null, (req, res) -> {
            SessionEntries entries = entries();
            entries.put("bean", new byte[100]);
            assertThatThrownBy(() -> entries.put("big", new byte[101])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'big'").hasMessageContaining("maxAttributeBytes");
            entries.put("b2", new byte[100]);
            assertThatThrownBy(() -> entries.put("b3", new byte[100])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'b3'").hasMessageContaining("maxSessionBytes");
            assertThat(entries.getAll("")).containsOnlyKeys("bean", "b2");
        });

        assertThat(harness.replication.log).containsExactly("create sid-1 [" + SessionAttributes.ENTRY_PREFIX + "b2, "
                + BEAN + "]");
    }

    @Test
    void invalidatingTheReplicatedSessionInvalidatesTheContainersOwnAfterIt() throws Exception {
        String cookie = sessionWithEntry();
        FakeHttp.Request using = harness.newRequest(cookie);
        using.containerSession = FakeHttp.containerSession(harness.replication.log);
        harness.send(using, (req, res) -> req.getSession().setAttribute("user", "bob"));
        assertThat(harness.replication.log).containsExactly("open sid-1", "commit sid-1 set=[user] removed=[]");
        harness.replication.log.clear();

        FakeHttp.Request loggingOut = harness.newRequest(cookie);
        loggingOut.containerSession = using.containerSession;
        harness.send(loggingOut, (req, res) -> req.getSession().invalidate());

        assertThat(harness.replication.log).containsExactly("open sid-1", "invalidate sid-1",
                "container session invalidated");
    }

    @Test
    void aContainerSessionAlreadyInvalidatedIsFine() throws Exception {
        String cookie = sessionWithEntry();
        FakeHttp.Request request = harness.newRequest(cookie);
        request.containerSession = FakeHttp.containerSession(harness.replication.log);
        request.containerSession.invalidate();
        harness.replication.log.clear();

        harness.send(request, (req, res) -> req.getSession().invalidate());

        assertThat(harness.replication.log).containsExactly("open sid-1", "invalidate sid-1");
        assertThat(harness.replication.store).isEmpty();
    }
}
