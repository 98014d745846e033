package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Servlet semantics of the session: its state machine and its events, with no replication underneath. */
class ReplicatedSessionTest {

    private static final Logger LOGGER = Logger.getLogger("test.session");
    private final WebStats stats = new WebStats();
    private final List<String> invalidatedByOwner = new ArrayList<>();

    @BeforeEach
    void clearEvents() {
        TestValues.EVENTS.clear();
    }

    private static final SessionAttributes.Problems NO_PROBLEMS = new SessionAttributes.Problems() {
        @Override
        public void quarantined(String name, String reason, Throwable cause) {
        }

        @Override
        public void notReplicable(String name, RuntimeException cause) {
        }
    };

    private ReplicatedSession session(Object... listeners) {
        return session(s -> invalidatedByOwner.add(s.getId()), listeners);
    }

    private ReplicatedSession session(ReplicatedSession.Owner owner, Object... listeners) {
        AttributeMarshaller marshaller = new AttributeMarshaller(getClass().getClassLoader(),
                new DeserializationFilters(100, 10_000, LOGGER).get(null, 0), 0);
        SessionAttributes attributes = new SessionAttributes(Map.of(), marshaller, new Immutability(Set.of()), 0,
                NO_PROBLEMS);
        List<EventListener> all = new ArrayList<>();
        for (Object listener : listeners) {
            all.add((EventListener) listener);
        }
        return new ReplicatedSession("s1", 1000, 2000, 1800, true, attributes,
                new SessionListeners(all, stats, LOGGER), null, owner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttribute", "getAttributeNames", "setAttribute", "removeAttribute", "invalidate",
        "isNew", "getCreationTime", "getLastAccessedTime"})
    void afterInvalidateTheSpecifiedMethodsThrow(String method) {
        ReplicatedSession session = session();
        session.invalidate();

        Consumer<HttpSession> call = Map.<String, Consumer<HttpSession>>of(
                "getAttribute", s -> s.getAttribute("a"),
                "getAttributeNames", HttpSession::getAttributeNames,
                "setAttribute", s -> s.setAttribute("a", "b"),
                "removeAttribute", s -> s.removeAttribute("a"),
                "invalidate", HttpSession::invalidate,
                "isNew", HttpSession::isNew,
                "getCreationTime", HttpSession::getCreationTime,
                "getLastAccessedTime", HttpSession::getLastAccessedTime).get(method);

        assertThatThrownBy(() -> call.accept(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s1");
    }

    @Test
    void afterInvalidateIdContextAndIntervalStillAnswer() {
        ReplicatedSession session = session();
        session.invalidate();

        assertThat(session.getId()).isEqualTo("s1");
        assertThat(session.getServletContext()).isNull();
        session.setMaxInactiveInterval(60);
        assertThat(session.getMaxInactiveInterval()).isEqualTo(60);
        assertThat(session.isValid()).isFalse();
    }

    @Test
    void aLiveSessionAnswersItsTimes() {
        ReplicatedSession session = session();

        assertThat(session.getCreationTime()).isEqualTo(1000);
        assertThat(session.getLastAccessedTime()).isEqualTo(2000);
        assertThat(session.isNew()).isTrue();
        assertThat(session.getMaxInactiveInterval()).isEqualTo(1800);
        assertThat(session.pendingMaxInactive()).isNull();
        session.setMaxInactiveInterval(600);
        assertThat(session.pendingMaxInactive()).isEqualTo(600);
        session.maxInactiveReplicated(600);
        assertThat(session.pendingMaxInactive()).isNull();
    }

    @Test
    void invalidateTellsListenersInReverseWhileTheSessionStillAnswersThenUnbindsThenRemoves() {
        ReplicatedSession session = session(new TestValues.Recorder(), new TestValues.Second());
        session.setAttribute("user", "ann");
        session.setAttribute("bound", new TestValues.Bound("b1"));
        TestValues.EVENTS.clear();

        session.invalidate();

        assertThat(TestValues.EVENTS).containsExactly("second destroyed", "destroyed s1 [user, bound]",
                "removed user=ann", "valueUnbound b1", "removed bound=b1");
        assertThat(invalidatedByOwner).containsExactly("s1");
    }

    @Test
    void setAttributeBindsBeforeStoringThenReportsAddOrReplace() {
        ReplicatedSession session = session(new TestValues.Recorder());

        session.setAttribute("v", new TestValues.Bound("first"));
        session.setAttribute("v", new TestValues.Bound("second"));

        assertThat(TestValues.EVENTS).containsExactly(
                "valueBound first while v=null", "added v=first",
                "valueBound second while v=first", "valueUnbound first", "replaced v was first");
    }

    @Test
    void settingTheSameObjectAgainNeitherBindsNorUnbinds() {
        ReplicatedSession session = session(new TestValues.Recorder());
        TestValues.Bound value = new TestValues.Bound("same");
        session.setAttribute("v", value);
        TestValues.EVENTS.clear();

        session.setAttribute("v", value);

        assertThat(TestValues.EVENTS).containsExactly("replaced v was same");
    }

    @Test
    void removeUnbindsThenReportsAndSettingNullRemoves() {
        ReplicatedSession session = session(new TestValues.Recorder());
        session.setAttribute("v", new TestValues.Bound("x"));
        session.setAttribute("w", "y");
        TestValues.EVENTS.clear();

        session.removeAttribute("v");
        session.setAttribute("w", null);
        session.removeAttribute("absent");

        assertThat(TestValues.EVENTS).containsExactly("valueUnbound x", "removed v=x", "removed w=y");
        assertThat(Collections.list(session.getAttributeNames())).isEmpty();
    }

    @Test
    void anUnreplicableValueIsRefusedWithoutEvents() {
        ReplicatedSession session = session(new TestValues.Recorder());

        assertThatThrownBy(() -> session.setAttribute("w", new TestValues.NotSerializable()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'");
        assertThatThrownBy(() -> session.setAttribute(null, "x")).isInstanceOf(IllegalArgumentException.class);

        assertThat(TestValues.EVENTS).isEmpty();
        assertThat(session.getAttribute("w")).isNull();
    }

    @Test
    void aFailingListenerIsCountedAndTheOthersStillRun() {
        ReplicatedSession session = session(new TestValues.Failing(), new TestValues.Second());
        SessionListeners listeners = new SessionListeners(List.of(new TestValues.Failing(), new TestValues.Second()),
                stats, LOGGER);

        listeners.created(session);

        assertThat(TestValues.EVENTS).containsExactly("second created");
        assertThat(stats.listenerFailures.get()).isEqualTo(1);
    }

    @Test
    void invalidateRunsOnceEvenIfTheOwnerFails() {
        ReplicatedSession session = session(s -> {
            throw new IllegalStateException("broker down");
        });

        assertThatThrownBy(session::invalidate).hasMessage("broker down");
        assertThat(session.isValid()).isFalse();
        assertThatThrownBy(session::invalidate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already been invalidated");
    }

    @Test
    void expiryRaisesTheSameEventsWithoutAnOwner() {
        ReplicatedSession session = session(new TestValues.Recorder());
        session.setAttribute("bound", new TestValues.Bound("e"));
        TestValues.EVENTS.clear();

        session.expire();

        assertThat(TestValues.EVENTS).containsExactly("destroyed s1 [bound]", "valueUnbound e", "removed bound=e");
        assertThat(invalidatedByOwner).isEmpty();
    }
}
