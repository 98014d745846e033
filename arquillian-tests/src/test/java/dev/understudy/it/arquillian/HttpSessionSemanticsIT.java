package dev.understudy.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.client.SessionClient.Reply;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.session.BoundValue;
import dev.understudy.it.app.session.RecordingListener;
import dev.understudy.it.app.session.SessionProbeServlet;
import dev.understudy.it.app.session.StoredSessionServlet;
import dev.understudy.it.support.KeyValues;
import dev.understudy.it.support.Readiness;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code HttpSession} contract of the filter's replicated sessions, on one Payara Micro with the RAR deployed
 * by the post-boot file and a broker process ({@link ArquillianBroker}). The WAR bundles the filter jar and
 * {@link SessionProbeServlet}, which drives the session API inside Payara and reports what the application saw;
 * {@link StoredSessionServlet} reads what the adapter holds, through the connection factory, bypassing the filter;
 * {@link RecordingListener} ({@code @WebListener}) and {@link BoundValue} record the events. The tests are clients
 * with manual cookie handling ({@link SessionClient}), as a session lives across requests.
 *
 * <p>One Micro boot for the class (one WAR {@code @Deployment}); every test uses its own sessions.
 */
@ExtendWith(ArquillianExtension.class)
class HttpSessionSemanticsIT {
    private static final String NODE = "arquillian";

    @ArquillianResource
    private URL deployment;

    private URI base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.withFilter(ShrinkWrap.create(WebArchive.class, "semantics.war")
                // the probe, the store reader, the listener, the bound value and the event log
                .addPackage(SessionProbeServlet.class.getPackage())
                .addClass(AdapterHealthServlet.class));
    }

    @BeforeEach
    void adapterReady() {
        base = Readiness.adapterReady(deployment);
    }

    @Test
    void aNewSessionIsNewOnceThenKeepsItsIdTimesAndCookie() throws Exception {
        SessionClient client = new SessionClient();
        Map<String, String> none = info(client);
        assertThat(none).containsEntry("exists", "false").containsEntry("requestedId", "null");

        long before = System.currentTimeMillis();
        Reply created = client.post(url("session/create"));
        long after = System.currentTimeMillis();
        Map<String, String> first = ok(created);
        String id = first.get("id");
        assertThat(first).containsEntry("exists", "true").containsEntry("isNew", "true")
                .containsEntry("sessionClass", "dev.understudy.web.ReplicatedSession")
                .containsEntry("maxInactiveInterval", "1800") // no session-timeout in web.xml: the filter's default
                .containsEntry("names", "");
        long creation = Long.parseLong(first.get("creationTime"));
        assertThat(creation).isBetween(before, after);
        assertThat(first.get("lastAccessedTime")).isEqualTo(first.get("creationTime"));
        RouteCookie cookie = RouteCookie.parse(created.newCookie().orElseThrow());
        assertThat(cookie.sessionId()).isEqualTo(id).matches("[A-Za-z0-9_-]{22,128}");
        assertThat(cookie.primary()).isEqualTo(NODE);
        assertThat(cookie.secondary()).as("a single node: no secondary").isEmpty();
        assertThat(cookie.verifies(ArquillianBroker.routeSecret())).isTrue();
        assertThat(created.setCookies().get(0).header()).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("Path=/semantics").containsIgnoringCase("SameSite=Lax");

        Reply secondReply = client.get(url("session/info"));
        Map<String, String> second = ok(secondReply);
        assertThat(second).containsEntry("id", id).containsEntry("isNew", "false")
                .containsEntry("creationTime", first.get("creationTime"))
                .containsEntry("requestedId", id).containsEntry("requestedValid", "true");
        assertThat(second.get("lastAccessedTime")).as("the previous request's access: the creation")
                .isEqualTo(first.get("creationTime"));
        assertThat(secondReply.setCookies()).as("the client holds the current route").isEmpty();

        // each request's access becomes the next request's getLastAccessedTime (a touch, sent in the background)
        await("last access moves on").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Long.parseLong(info(client).get("lastAccessedTime")) > creation);
        Map<String, String> later = info(client);
        assertThat(Long.parseLong(later.get("lastAccessedTime"))).isBetween(creation, System.currentTimeMillis());
        assertThat(later).containsEntry("id", id).containsEntry("creationTime", first.get("creationTime"));
    }

    @Test
    void attributesAreSetReplacedRemovedAndStored() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        post(client, "session/set?name=a&value=1");
        Map<String, String> both = post(client, "session/set?name=b&value=2");
        assertThat(both).containsEntry("names", "a,b").containsEntry("attr.a", "1").containsEntry("attr.b", "2");

        assertThat(info(client)).containsEntry("names", "a,b").containsEntry("attr.a", "1")
                .containsEntry("attr.b", "2");
        assertThat(store(id)).containsEntry("exists", "true").containsEntry("names", "a,b")
                .containsEntry("attr.a", "1").containsEntry("attr.b", "2").containsEntry("primary", NODE);

        assertThat(post(client, "session/set?name=a&value=3")).containsEntry("attr.a", "3");
        assertThat(post(client, "session/set-null?name=b")).as("setAttribute(b, null) removes b")
                .containsEntry("names", "a");
        assertThat(info(client)).containsEntry("names", "a").containsEntry("attr.a", "3");
        assertThat(post(client, "session/remove?name=a")).containsEntry("names", "");
        assertThat(info(client)).containsEntry("exists", "true").containsEntry("names", "");
        assertThat(store(id)).containsEntry("exists", "true").containsEntry("names", "");
    }

    @Test
    void theMaxInactiveIntervalIsKeptAndReplicated() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        assertThat(store(id)).containsEntry("maxInactiveSeconds", "1800");

        assertThat(post(client, "session/max-inactive?seconds=120")).containsEntry("maxInactiveInterval", "120");
        assertThat(info(client)).containsEntry("maxInactiveInterval", "120");
        assertThat(store(id)).containsEntry("maxInactiveSeconds", "120");
    }

    @Test
    void anIdleSessionExpiresWithItsEventsAndIsGoneAfterwards() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        post(client, "session/set?name=x&value=1");
        post(client, "session/max-inactive?seconds=1");

        // no request of this session meanwhile: the adapter (primary) expires it, the filter runs the listeners
        await("session " + id + " expired").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> events(id).contains("removed x=1"));
        assertThat(events(id)).containsExactly("created", "added x=1", "destroyed names=x", "removed x=1");

        Reply after = client.get(url("session/info"));
        assertThat(ok(after)).containsEntry("exists", "false").containsEntry("requestedValid", "false");
        assertThat(after.clearsCookie()).as("the cookie of a session that no longer exists is cleared").isTrue();
        assertThat(store(id)).containsEntry("exists", "false");
    }

    @Test
    void anInvalidatedSessionThrowsIllegalStateExceptionAndIsGoneEverywhere() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        post(client, "session/set?name=x&value=1");
        String oldCookie = client.requireCookie();

        Reply invalidated = client.post(url("session/invalidate"));
        Map<String, String> out = ok(invalidated);
        assertThat(out).containsEntry("invalidatedId", id)
                .containsEntry("after.getAttribute", "IllegalStateException")
                .containsEntry("after.getAttributeNames", "IllegalStateException")
                .containsEntry("after.setAttribute", "IllegalStateException")
                .containsEntry("after.removeAttribute", "IllegalStateException")
                .containsEntry("after.getCreationTime", "IllegalStateException")
                .containsEntry("after.getLastAccessedTime", "IllegalStateException")
                .containsEntry("after.isNew", "IllegalStateException")
                .containsEntry("after.invalidate", "IllegalStateException")
                .containsEntry("after.getId", "ok")
                .containsEntry("after.getMaxInactiveInterval", "ok")
                .containsEntry("after.getServletContext", "ok")
                .containsEntry("after.getSession(false)", "null")
                .containsEntry("exists", "false");
        assertThat(invalidated.clearsCookie()).isTrue();
        assertThat(client.cookie()).isEmpty();
        assertThat(events(id)).containsExactly("created", "added x=1", "destroyed names=x", "removed x=1");

        assertThat(store(id)).as("removed from the adapter").containsEntry("exists", "false");
        Map<String, String> replay = info(new SessionClient().holding(oldCookie));
        assertThat(replay).as("the old cookie names nothing any more").containsEntry("exists", "false")
                .containsEntry("requestedValid", "false");

        // a new session in the same request as the invalidation
        SessionClient again = new SessionClient();
        String first = create(again);
        Reply recreated = again.post(url("session/invalidate?recreate=true"));
        Map<String, String> fresh = ok(recreated);
        assertThat(fresh).containsEntry("exists", "true").containsEntry("isNew", "true");
        assertThat(fresh.get("id")).isNotEqualTo(first);
        assertThat(RouteCookie.parse(again.requireCookie()).sessionId()).isEqualTo(fresh.get("id"));
        assertThat(info(again)).containsEntry("id", fresh.get("id")).containsEntry("isNew", "false");
    }

    @Test
    void changeSessionIdKeepsTheAttributesMovesTheCookieAndTellsTheIdListener() throws Exception {
        SessionClient client = new SessionClient();
        String oldId = create(client);
        post(client, "session/set?name=x&value=1");
        String oldCookie = client.requireCookie();

        Reply changed = client.post(url("session/change-id"));
        Map<String, String> out = ok(changed);
        String newId = out.get("newId");
        assertThat(out).containsEntry("oldId", oldId).containsEntry("id", newId).containsEntry("attr.x", "1");
        assertThat(newId).isNotEqualTo(oldId).matches("[A-Za-z0-9_-]{22,128}");
        assertThat(RouteCookie.parse(client.requireCookie()).sessionId()).isEqualTo(newId);
        assertThat(events(newId)).containsExactly("idChanged " + oldId + "->" + newId);
        assertThat(events(oldId)).containsExactly("created", "added x=1", "idChanged " + oldId + "->" + newId);

        assertThat(info(client)).containsEntry("id", newId).containsEntry("attr.x", "1")
                .containsEntry("isNew", "false");
        assertThat(info(new SessionClient().holding(oldCookie))).as("the old id names nothing")
                .containsEntry("exists", "false");
        assertThat(store(oldId)).containsEntry("exists", "false");
        assertThat(store(newId)).containsEntry("exists", "true").containsEntry("attr.x", "1");

        assertThat(post(new SessionClient(), "session/change-id")).as("no session: IllegalStateException")
                .containsEntry("newId", "IllegalStateException");
    }

    @Test
    void everySessionListenerHearsItsEventsOnceAndInOrder() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        post(client, "session/set?name=a&value=1");
        post(client, "session/set?name=a&value=2");
        post(client, "session/bind?name=b&label=one");
        // the next request reads the stored BoundValue back (allow-list: dev.understudy.it.**) and replaces it
        post(client, "session/bind?name=b&label=two");
        post(client, "session/remove?name=a");
        post(client, "session/invalidate");

        assertThat(events(id)).containsExactly(
                "created",
                "added a=1",
                "replaced a=1",
                "bound b=one",
                "added b=BoundValue(one)",
                "bound b=two",
                "unbound b=one",
                "replaced b=BoundValue(one)",
                "removed a=2",
                "destroyed names=b",
                "unbound b=two",
                "removed b=BoundValue(two)");
    }

    @Test
    void aValueChangedInPlaceReachesTheStoreAndAnUnchangedOneDoesNotTravel() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        assertThat(post(client, "session/list-add?value=one")).containsEntry("attr.list", "[one]");
        Map<String, String> stored = store(id);
        assertThat(stored).containsEntry("attr.list", "[one]");
        long version = Long.parseLong(stored.get("version"));

        // list.add without setAttribute: the filter compares the value's bytes at the end of the request
        assertThat(post(client, "session/list-add?value=two")).containsEntry("attr.list", "[one, two]");
        Map<String, String> mutated = store(id);
        assertThat(mutated).as("the in-place change is in the adapter's copy").containsEntry("attr.list", "[one, two]");
        long mutatedVersion = Long.parseLong(mutated.get("version"));
        assertThat(mutatedVersion).isGreaterThan(version);
        assertThat(info(client)).containsEntry("attr.list", "[one, two]");

        // read (deserialized, re-serialized, compared) but unchanged: nothing committed, the version stays
        assertThat(store(id)).containsEntry("version", Long.toString(mutatedVersion))
                .containsEntry("attr.list", "[one, two]");
    }

    @Test
    void aNonSerializableValueIsRefusedAtSetAttributeNamingItAndNothingChanges() throws Exception {
        SessionClient client = new SessionClient();
        String id = create(client);
        post(client, "session/set?name=x&value=keep");

        Map<String, String> refused = post(client, "session/not-serializable?name=x");
        assertThat(refused).containsEntry("refused", "IllegalArgumentException")
                .containsEntry("attr.x", "keep").containsEntry("names", "x");
        assertThat(refused.get("message")).contains("'x'").contains("NotSerializable");

        Map<String, String> deep = post(client, "session/not-serializable?name=y&deep=true");
        assertThat(deep).containsEntry("refused", "IllegalArgumentException").containsEntry("names", "x");
        assertThat(deep.get("message")).contains("'y'").contains("NotSerializable");

        assertThat(info(client)).containsEntry("names", "x").containsEntry("attr.x", "keep");
        assertThat(store(id)).containsEntry("names", "x").containsEntry("attr.x", "keep");
        assertThat(events(id)).containsExactly("created", "added x=keep");
    }

    private String create(SessionClient client) throws Exception {
        Map<String, String> out = ok(client.post(url("session/create")));
        assertThat(out).containsEntry("isNew", "true");
        return out.get("id");
    }

    private Map<String, String> post(SessionClient client, String path) throws Exception {
        return ok(client.post(url(path)));
    }

    private Map<String, String> info(SessionClient client) throws Exception {
        return ok(client.get(url("session/info")));
    }

    private Map<String, String> store(String id) throws Exception {
        return ok(new SessionClient().get(url("store?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))));
    }

    private List<String> events(String id) throws Exception {
        Map<String, String> out = ok(new SessionClient().get(
                url("session/events?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))));
        return out.entrySet().stream().filter(e -> e.getKey().startsWith("event."))
                .map(Map.Entry::getValue).collect(Collectors.toList());
    }

    private static Map<String, String> ok(Reply reply) {
        assertThat(reply.status()).as("status, body %s", reply.body()).isEqualTo(200);
        return KeyValues.parse(reply.body());
    }

    private URI url(String path) {
        return base.resolve(path);
    }
}
