package dev.understudy.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.client.SessionClient.Reply;
import dev.understudy.demo.process.Http;
import dev.understudy.ejb.client.BeanHandle;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.beans.BeanServlet;
import dev.understudy.it.support.KeyValues;
import dev.understudy.it.support.Readiness;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bean interceptor inside Payara Micro, enabled by the WAR's {@code beans.xml} only ({@link TestWars#BEANS_XML_REPLICATING}; the
 * negative case is {@link BeanInterceptorControlIT}). The WAR holds the filter and interceptor jars and the beans of
 * {@code dev.understudy.it.app.beans}: a session-scoped {@code @Stateful} cart, a bean with a field that cannot be
 * serialized, a plain CDI {@code @SessionScoped} bean and a {@code @Stateful} wizard reached by handle.
 *
 * <p>A client that keeps the container's session cookie ({@code JSESSIONID}) talks to the same bean instances, as a
 * browser does; dropping that cookie gives new instances, which must be restored from the replicated session — as
 * on the node that takes a session over. The replica is read through the adapter, bypassing filter and interceptor
 * ({@code BeanStoreServlet}).
 */
@ExtendWith(ArquillianExtension.class)
class BeanReplicationIT {
    @ArquillianResource
    private URL deployment;

    private URI base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.withInterceptors(ShrinkWrap.create(WebArchive.class, "beans.war")
                .addPackage(BeanServlet.class.getPackage())
                .addClass(AdapterHealthServlet.class)
                .addAsWebInfResource(new StringAsset(TestWars.BEANS_XML_REPLICATING), "beans.xml"));
    }

    @BeforeEach
    void adapterReady() {
        base = Readiness.adapterReady(deployment);
    }

    @Test
    void theCartTravelsInItsHttpSessionWithoutTheContainersFields() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        cart(browser, "op=add&item=apple");
        cart(browser, "op=add&item=pear");
        Map<String, String> third = cart(browser, "op=add&item=fig");
        assertThat(third).containsEntry("items", "[apple, pear, fig]").containsEntry("changes", "3");

        Map<String, String> replica = store(browser, "cart");
        assertThat(replica).containsEntry("exists", "true")
                .as("the cart's own fields; greeter (@Inject) and context (@Resource) are left to the container")
                .containsEntry("fields", "changes,items")
                .containsEntry("field.items", "[apple, pear, fig]")
                .containsEntry("field.changes", "3");
    }

    @Test
    void onlyTheFieldsWhoseBytesChangedAreSent() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        Map<String, String> first = cart(browser, "op=add&item=apple");
        Map<String, String> second = cart(browser, "op=add&item=pear");
        assertThat(delta(first, second, "stats.fieldsSent")).as("items and changes changed").isEqualTo(2);

        Map<String, String> read = cart(browser, "op=items");
        assertThat(delta(second, read, "stats.fieldsSent")).as("a read changes nothing").isZero();
        assertThat(delta(second, read, "stats.unchanged")).as("items(), changes(), greeterNode(): three calls")
                .isEqualTo(3);
        assertThat(delta(first, read, "stats.restores")).as("its own writes are no news to the instance").isZero();
    }

    @Test
    void aNewInstanceIsRestoredFromTheReplicaWithItsInjectedFieldsFromThisNode() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        cart(browser, "op=add&item=apple");
        Map<String, String> before = cart(browser, "op=add&item=pear");

        Map<String, String> restored = cart(browser.dropContainerSession(), "op=items");
        assertThat(restored).containsEntry("items", "[apple, pear]").containsEntry("changes", "2");
        assertThat(restored.get("greeter")).as("re-injected here, not copied").isEqualTo(restored.get("greeterHere"));
        assertThat(delta(before, restored, "stats.restores")).isEqualTo(1);

        assertThat(cart(browser, "op=add&item=fig")).containsEntry("items", "[apple, pear, fig]");
        assertThat(store(browser, "cart")).containsEntry("field.items", "[apple, pear, fig]");
    }

    @Test
    void aChangeWhoseTransactionRolledBackIsNotReplicated() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        Map<String, String> committed = cart(browser, "op=add&item=apple");
        Map<String, String> rolledBack = cart(browser, "op=rollback&item=bomb");
        assertThat(rolledBack).as("the call saw its change; after the rollback the fields went back (OnRollback"
                + ".RESTORE), so the servlet's next calls read the committed state").containsEntry("changes", "1");
        assertThat(delta(committed, rolledBack, "stats.rolledBack")).isEqualTo(1);
        assertThat(store(browser, "cart")).containsEntry("field.items", "[apple]").containsEntry("field.changes", "1");
        assertThat(cart(browser, "op=items")).as("the live bean").containsEntry("items", "[apple]");

        Map<String, String> restored = cart(browser.dropContainerSession(), "op=items");
        assertThat(restored).as("what another node would serve").containsEntry("items", "[apple]");
    }

    @Test
    void aFieldThatCannotBeSerializedIsReportedAndNothingIsHalfReplicated() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        cart(browser, "op=add&item=apple"); // the session exists, with another bean's state in it
        Map<String, String> before = stats();
        Map<String, String> first = notebook(browser);
        assertThat(first).as("the bean works locally").containsEntry("pages", "1").containsEntry("pen", "blue");
        assertThat(delta(before, first, "stats.notSerializable")).as("write() and pen(): two captures refused")
                .isEqualTo(2);
        Map<String, String> second = notebook(browser);
        assertThat(second).containsEntry("pages", "2");
        assertThat(delta(first, second, "stats.notSerializable")).isEqualTo(2);

        assertThat(store(browser, "notebook")).as("not even pages, which could be serialized")
                .containsEntry("exists", "true").containsEntry("fields", "");
        assertThat(store(browser, "cart")).as("the other bean is unaffected").containsEntry("field.items", "[apple]");
    }

    @Test
    void aPlainCdiSessionScopedBeanIsReplicatedToo() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        ok(browser.post(url("api/bean/preferences?key=theme&value=dark")));
        ok(browser.post(url("api/bean/preferences?key=lang&value=fr")));
        Map<String, String> restored = ok(browser.dropContainerSession().get(url("api/bean/preferences")));
        assertThat(restored.get("values")).contains("theme=dark").contains("lang=fr");
        assertThat(restored).containsEntry("greeterInjected", "true");
    }

    @Test
    void aBeanOutsideAnyHttpSessionIsReachedByItsHandle() throws Exception {
        HttpResponse<String> first = wizard(null, "answer=red");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(KeyValues.parse(first.body())).containsEntry("step", "1").containsEntry("greeterInjected", "true");
        String handle = first.headers().firstValue(BeanHandle.HEADER).orElseThrow();
        BeanHandle parsed = BeanHandle.parse(handle);
        assertThat(parsed.primary()).isEqualTo("arquillian");

        HttpResponse<String> second = wizard(handle, "answer=green");
        assertThat(KeyValues.parse(second.body())).containsEntry("step", "2").containsEntry("answers", "[red, green]");
        handle = second.headers().firstValue(BeanHandle.HEADER).orElse(handle);

        HttpResponse<String> finished = wizard(handle, "op=finish");
        assertThat(KeyValues.parse(finished.body())).containsEntry("finished", "true");
        HttpResponse<String> gone = wizard(handle, "answer=blue");
        assertThat(gone.statusCode()).as("removed with @Remove: %s", gone.body()).isEqualTo(410);
        assertThat(gone.body()).contains("US-B031");
    }

    @Test
    void aGarbledOrForgedHandleIsRefusedAndCounted() throws Exception {
        String handle = wizard(null, "answer=red").headers().firstValue(BeanHandle.HEADER).orElseThrow();
        BeanHandle genuine = BeanHandle.parse(handle);
        String[] parts = genuine.route().split("\\.");
        String otherSum = parts[0] + "." + parts[1] + "._12345." + parts[3] + "." + parts[4];
        Map<String, String> before = stats();
        for (String forged : new String[] {"nonsense", handle.substring(0, handle.length() - 3),
                BeanHandle.of(otherSum, null).toString()}) {
            HttpResponse<String> refused = wizard(forged, "answer=x");
            assertThat(refused.statusCode()).as("handle %s: %s", forged, refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("US-B030");
        }
        assertThat(delta(before, stats(), "stats.refusedHandles")).isEqualTo(3);
        assertThat(KeyValues.parse(wizard(handle, "answer=ok").body())).as("the genuine handle still works")
                .containsEntry("step", "2");
    }

    private Map<String, String> cart(SessionClient browser, String query) throws Exception {
        return ok(browser.post(url("api/bean/cart?" + query)));
    }

    private Map<String, String> notebook(SessionClient browser) throws Exception {
        return ok(browser.post(url("api/bean/notebook")));
    }

    private Map<String, String> stats() throws Exception {
        return ok(new SessionClient().get(url("api/bean/stats")));
    }

    private Map<String, String> store(SessionClient browser, String bean) throws Exception {
        String id = RouteCookie.parse(browser.requireCookie()).sessionId();
        return ok(new SessionClient().get(url("api/bean/store?bean=" + bean + "&id=" + id)));
    }

    private HttpResponse<String> wizard(String handle, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("api/bean/wizard?" + query))
                .timeout(Http.requestTimeout()).POST(HttpRequest.BodyPublishers.noBody());
        if (handle != null) {
            request.header(BeanHandle.HEADER, handle);
        }
        return Http.send(request.build());
    }

    static long delta(Map<String, String> before, Map<String, String> after, String counter) {
        return Long.parseLong(after.get(counter)) - Long.parseLong(before.get(counter));
    }

    static Map<String, String> ok(Reply reply) {
        assertThat(reply.status()).as("status, body %s", reply.body()).isEqualTo(200);
        return KeyValues.parse(reply.body());
    }

    private URI url(String path) {
        return base.resolve(path);
    }
}
