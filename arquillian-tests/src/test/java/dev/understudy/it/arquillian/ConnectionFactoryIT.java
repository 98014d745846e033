package dev.understudy.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.SizeLimits;
import dev.understudy.api.StoredSession;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resource adapter's connection factory as an application sees it, tested inside Payara Micro: the RAR is
 * deployed by the post-boot file (pool {@code understudy-pool}, resource
 * {@code understudy/ReplicationConnectionFactory}) and this class runs in the WAR, with the API from the RAR —
 * the WAR bundles AssertJ, not the API. The contract: lookup, cheap handles for this node, handle discipline (a
 * closed handle throws {@link IllegalStateException}, close is idempotent, handles are independent), the route
 * codec (a round trip; anything garbled or forged decodes to nothing, never an exception), a session's life
 * through the API (create, open, commit, touch, change id, invalidate) and the size limits.
 *
 * <p>One Micro boot for the class. Sessions use scope {@value #SCOPE}, which no WAR serves.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionFactoryIT {
    private static final String FACTORY = "understudy/ReplicationConnectionFactory";
    private static final String NODE = "arquillian";
    private static final String SCOPE = "/connection-factory-it";

    @Deployment
    static WebArchive deployment() {
        // the test class itself travels in the WAR (Arquillian adds it); the API stays out (the RAR has it)
        return ShrinkWrap.create(WebArchive.class, "factory.war")
                .addAsLibraries(dev.understudy.it.app.TestWars.codeSourceOf(Assertions.class).toFile());
    }

    @Test
    void theFactoryIsBoundAndHandsOutConnectionsOfThisNode() throws Exception {
        Object bound = new InitialContext().lookup(FACTORY);
        assertThat(bound).isInstanceOf(ReplicationConnectionFactory.class);
        assertThat(ReplicationConnectionFactory.class.getClassLoader())
                .as("the API comes from the RAR, not from the WAR")
                .isNotSameAs(getClass().getClassLoader());

        try (ReplicationConnection connection = factory().getConnection()) {
            assertThat(connection.nodeId()).isEqualTo(NODE);
            assertThat(connection.mode()).isEqualTo(ReplicationMode.SYNC);
            assertThat(connection.limits()).isEqualTo(new SizeLimits(4L << 20, 16L << 20));
            assertThat(connection.deserializationFilter())
                    .contains("dev.understudy.it.**").endsWith("!*");
        }
    }

    @Test
    void aClosedHandleThrowsIllegalStateExceptionAndCloseIsIdempotent() throws Exception {
        ReplicationConnection connection = factory().getConnection();
        String id = connection.newSessionId();
        SessionKey key = SessionKey.web(SCOPE, id);
        SessionRoute route = new SessionRoute(id, NODE, null, 1);
        connection.close();

        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("nodeId", connection::nodeId);
        calls.put("mode", connection::mode);
        calls.put("limits", connection::limits);
        calls.put("deserializationFilter", connection::deserializationFilter);
        calls.put("newSessionId", connection::newSessionId);
        calls.put("decodeRoute", () -> connection.decodeRoute("garbage"));
        calls.put("encodeRoute", () -> connection.encodeRoute(route));
        calls.put("open", () -> connection.open(key, null));
        calls.put("create", () -> connection.create(key, state(Map.of())));
        calls.put("commit", () -> connection.commit(key, changes(Map.of(), Set.of())));
        calls.put("touch", () -> connection.touch(key, System.currentTimeMillis()));
        calls.put("invalidate", () -> connection.invalidate(key));
        calls.put("changeId", () -> connection.changeId(key, "other"));
        calls.put("explain", () -> connection.explain(key));
        calls.forEach((method, call) -> assertThatThrownBy(call).as(method + " on a closed handle")
                .isInstanceOf(IllegalStateException.class));

        assertThatCode(connection::close).as("close again").doesNotThrowAnyException();
    }

    @Test
    void handlesAreIndependent() throws Exception {
        ReplicationConnectionFactory factory = factory();
        ReplicationConnection first = factory.getConnection();
        try (ReplicationConnection second = factory.getConnection()) {
            assertThat(second).isNotSameAs(first);
            first.close();
            assertThatThrownBy(first::nodeId).isInstanceOf(IllegalStateException.class);
            assertThat(second.nodeId()).as("closing one handle leaves the other usable").isEqualTo(NODE);
            assertThat(second.newSessionId()).isNotEqualTo(second.newSessionId());
        }
    }

    @Test
    void routesRoundTripAndAnythingGarbledOrForgedDecodesToNothing() throws Exception {
        try (ReplicationConnection connection = factory().getConnection()) {
            String id = connection.newSessionId();
            assertThat(id).matches("[A-Za-z0-9_-]{22,128}");
            for (SessionRoute route : List.of(new SessionRoute(id, NODE, null, 1),
                    new SessionRoute(id, NODE, "node-x", 42))) {
                String cookie = connection.encodeRoute(route);
                assertThat(cookie).startsWith(id + "." + NODE + ".");
                assertThat(connection.decodeRoute(cookie)).contains(route);
            }

            String genuine = connection.encodeRoute(new SessionRoute(id, NODE, "node-x", 7));
            String[] parts = genuine.split("\\.");
            List<String> bad = List.of("", "garbage", "a.b.c.d.e", id, genuine + "x",
                    genuine.replace("." + NODE + ".", ".node-y."), // another primary under the genuine MAC
                    parts[0] + "." + parts[1] + "." + parts[2] + ".8." + parts[4], // another epoch
                    genuine.substring(0, genuine.length() - 2) + "AA", // another MAC
                    "x".repeat(5_000));
            for (String value : bad) {
                assertThat(connection.decodeRoute(value)).as("decodeRoute(%s)", value).isEmpty();
            }
        }
    }

    @Test
    void aSessionLivesThroughTheApi() throws Exception {
        try (ReplicationConnection connection = factory().getConnection()) {
            String id = connection.newSessionId();
            SessionKey key = SessionKey.web(SCOPE, id);
            assertThat(connection.open(key, null)).as("unknown yet").isEmpty();
            assertThat(connection.explain(key)).as("not served here").isEmpty();

            StoredSession created = connection.create(key, state(Map.of("a", bytes("1"))));
            assertThat(created.key()).isEqualTo(key);
            assertThat(created.route().sessionId()).isEqualTo(id);
            assertThat(created.route().primary()).isEqualTo(NODE);
            assertThat(created.arrived()).isFalse();
            assertThat(connection.explain(key)).isPresent();

            StoredSession opened = connection.open(key, created.route()).orElseThrow();
            assertThat(opened.version()).isEqualTo(created.version());
            assertThat(opened.arrived()).as("served here before: not a takeover").isFalse();
            assertThat(text(opened, "a")).isEqualTo("1");
            assertThat(opened.state().maxInactiveSeconds()).isEqualTo(1800);

            CommitReceipt receipt = connection.commit(key, changes(Map.of("b", bytes("2")), Set.of("a")));
            assertThat(receipt.version()).isGreaterThan(created.version());
            assertThat(receipt.protection()).as("a single node: no secondary holds it")
                    .isEqualTo(CommitReceipt.Protection.UNPROTECTED);
            StoredSession committed = connection.open(key, receipt.route()).orElseThrow();
            assertThat(committed.state().attributes()).containsOnlyKeys("b");
            assertThat(text(committed, "b")).isEqualTo("2");
            assertThat(committed.version()).isEqualTo(receipt.version());

            long touched = committed.state().lastAccessedTime() + 1_000;
            connection.touch(key, touched);
            assertThat(connection.open(key, null).orElseThrow().state().lastAccessedTime()).isEqualTo(touched);

            String newId = connection.newSessionId();
            SessionKey renamed = SessionKey.web(SCOPE, newId);
            CommitReceipt changed = connection.changeId(key, newId);
            assertThat(changed.route().sessionId()).isEqualTo(newId);
            assertThat(connection.open(key, null)).as("the old id").isEmpty();
            assertThat(text(connection.open(renamed, null).orElseThrow(), "b")).isEqualTo("2");

            connection.invalidate(renamed);
            assertThat(connection.open(renamed, null)).as("invalidated").isEmpty();
        }
    }

    @Test
    void valuesAndSessionsOverTheLimitsAreRefused() throws Exception {
        try (ReplicationConnection connection = factory().getConnection()) {
            SizeLimits limits = connection.limits();
            SessionKey key = SessionKey.web(SCOPE, connection.newSessionId());
            byte[] tooLarge = new byte[(int) limits.maxAttributeBytes() + 1];
            assertThatThrownBy(() -> connection.create(key, state(Map.of("big", tooLarge))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(connection.open(key, null)).as("nothing was created").isEmpty();

            connection.create(key, state(Map.of("small", bytes("1"))));
            assertThatThrownBy(() -> connection.commit(key, changes(Map.of("big", tooLarge), Set.of())))
                    .isInstanceOf(IllegalArgumentException.class);
            StoredSession unchanged = connection.open(key, null).orElseThrow();
            assertThat(unchanged.state().attributes()).containsOnlyKeys("small");
            connection.invalidate(key);
        }
    }

    private static ReplicationConnectionFactory factory() throws Exception {
        return (ReplicationConnectionFactory) new InitialContext().lookup(FACTORY);
    }

    private static SessionState state(Map<String, byte[]> attributes) {
        long now = System.currentTimeMillis();
        return new SessionState(now, now, 1800, attributes);
    }

    private static SessionChanges changes(Map<String, byte[]> set, Set<String> removed) {
        return new SessionChanges(set, removed, System.currentTimeMillis(), null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StoredSession session, String name) {
        return Optional.ofNullable(session.state().attributes().get(name))
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }
}
