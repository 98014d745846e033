package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.client.SessionClient.Reply;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.demo.process.Http;
import dev.understudy.ejb.client.BeanHandle;
import dev.understudy.ejb.client.FailoverClient;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.CounterServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.beans.BeanServlet;
import dev.understudy.it.support.KeyValues;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stateful beans across {@code kill -9} of their primary, between two Payara Micro processes (SYNC): a
 * session-scoped {@code @Stateful} cart follows its HTTP session to the survivor with exactly its items, and a
 * {@code @Stateful} wizard reached by handle is called on its secondary by the {@link FailoverClient} and continues
 * at exactly the next step. Injected fields come from the survivor.
 *
 * <p>One broker process, then {@code node-a} and {@code node-b} one after the other, each with the shipped post-boot
 * file and a WAR holding the filter, the interceptor (enabled by its beans.xml) and the beans. Every process is
 * stopped by PID by the {@link ClusterFixture}, also when a test fails.
 */
class TwoNodeBeanFailoverIT {
    private static final String A = "node-a";
    private static final String B = "node-b";
    private static final String APP = "/shop";

    @RegisterExtension
    static final ClusterFixture cluster = new ClusterFixture();

    private static final String SECRET = RouteCookie.randomSecret();
    private static PayaraMicroNode a;
    private static PayaraMicroNode b;

    @BeforeAll
    static void startTwoNodes() {
        String clusterName = UnderstudyNodes.uniqueClusterName("it-beans");
        BrokerProcess broker = cluster.broker(0, BrokerCredentials.generate(clusterName, List.of(A, B)));
        Path war = TestWars.export(TestWars.withInterceptors(ShrinkWrap.create(WebArchive.class, "shop.war")
                .addPackage(BeanServlet.class.getPackage())
                .addClasses(CounterServlet.class, CounterServlet.Reply.class, AdapterHealthServlet.class)
                .addAsWebInfResource(new StringAsset(TestWars.BEANS_XML_REPLICATING), "beans.xml")));
        String readiness = APP + AdapterHealthServlet.PATH;
        a = cluster.node(ItProcesses.understudyNode(A, broker, clusterName, SECRET, war, readiness));
        Timings.record("beans: node-a ready", a.bootTime());
        b = cluster.node(ItProcesses.understudyNode(B, broker, clusterName, SECRET, war, readiness));
        Timings.record("beans: node-b ready", b.bootTime());
        awaitSecondary(a, B);
        awaitSecondary(b, A);
    }

    @Test
    void afterKillNineOfThePrimaryTheCartAndTheWizardContinueExactly() throws Exception {
        // a browser's cart on node-a: three items, each acknowledged by node-b (SYNC)
        SessionClient browser = new SessionClient().keepingContainerSession();
        post(browser, a, "cart?op=add&item=apple");
        post(browser, a, "cart?op=add&item=pear");
        Map<String, String> third = post(browser, a, "cart?op=add&item=fig");
        assertThat(third).containsEntry("items", "[apple, pear, fig]").containsEntry("node", A);
        RouteCookie route = RouteCookie.parse(browser.requireCookie());
        assertThat(route.primary()).isEqualTo(A);
        assertThat(route.secondary()).isEqualTo(B);

        // a Java client's wizard, started on node-a (the first node), three steps
        FailoverClient wizard = new FailoverClient(List.of(A, B));
        for (int step = 1; step <= 3; step++) {
            Map<String, String> reply = wizard.call(invoker("answer=s" + step));
            assertThat(reply).containsEntry("step", Integer.toString(step)).containsEntry("node", A);
        }
        BeanHandle handle = wizard.handle().orElseThrow();
        assertThat(handle.primary()).isEqualTo(A);
        assertThat(handle.secondary()).contains(B);

        long killed = a.pid();
        a.kill9();
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive)).as("pid %d", killed).isEmpty();

        // the load balancer sends the browser to node-b (its cookie names node-b as the secondary)
        long start = System.nanoTime();
        Map<String, String> onB = post(browser, b, "cart?op=add&item=plum");
        Timings.record("beans: first cart request after kill -9", Duration.ofNanos(System.nanoTime() - start));
        assertThat(onB).as("exactly the three acknowledged items, then the new one")
                .containsEntry("items", "[apple, pear, fig, plum]").containsEntry("changes", "4")
                .containsEntry("node", B);
        assertThat(onB.get("greeter")).as("re-injected on node-b").isEqualTo(onB.get("greeterHere"));
        assertThat(RouteCookie.parse(browser.requireCookie()).primary()).isEqualTo(B);
        assertThat(post(browser, b, "cart?op=items")).containsEntry("items", "[apple, pear, fig, plum]");

        // the Java client finds node-a gone and calls the secondary, which takes the wizard over
        start = System.nanoTime();
        Map<String, String> fourth = wizard.call(invoker("answer=s4"));
        Timings.record("beans: first wizard call after kill -9", Duration.ofNanos(System.nanoTime() - start));
        assertThat(fourth).containsEntry("step", "4").containsEntry("answers", "[s1, s2, s3, s4]")
                .containsEntry("greeterInjected", "true").containsEntry("node", B);
        assertThat(wizard.failovers()).isEqualTo(1);
        assertThat(wizard.handle().orElseThrow().primary()).isEqualTo(B);
        assertThat(wizard.call(invoker("answer=s5"))).containsEntry("step", "5");
    }

    /** Posts to the wizard on the node named, with the handle; connection refused or 503 are clean failures. */
    private static FailoverClient.Invoker<Map<String, String>> invoker(String query) {
        return (node, handle) -> {
            PayaraMicroNode target = A.equals(node) ? a : B.equals(node) ? b : null;
            if (target == null) {
                throw new FailoverClient.Unavailable("unknown node " + node);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.url(APP + "/api/bean/wizard?" + query))
                    .timeout(Http.requestTimeout()).POST(HttpRequest.BodyPublishers.noBody());
            if (handle != null) {
                request.header(BeanHandle.HEADER, handle);
            }
            HttpResponse<String> response;
            try {
                response = Http.send(request.build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (response.statusCode() == 503) {
                throw new FailoverClient.Unavailable(node + " answered 503");
            }
            if (response.statusCode() != 200) {
                throw new IOException(node + " answered " + response.statusCode() + ": " + response.body());
            }
            return new FailoverClient.Reply<>(KeyValues.parse(response.body()),
                    response.headers().firstValue(BeanHandle.HEADER).orElse(null));
        };
    }

    private static Map<String, String> post(SessionClient browser, PayaraMicroNode node, String path)
            throws Exception {
        Reply reply = browser.post(node.url(APP + BeanServlet.PATH + "/" + path));
        assertThat(reply.status()).as("%s: %s", node.name(), reply.body()).isEqualTo(200);
        return KeyValues.parse(reply.body());
    }

    private static void awaitSecondary(PayaraMicroNode node, String secondary) {
        URI counter = node.url(APP + CounterServlet.PATH);
        await(node.name() + " pairs with " + secondary).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    SessionClient probe = new SessionClient();
                    Reply reply = probe.post(counter);
                    return reply.status() == 200 && probe.cookie().map(RouteCookie::parse)
                            .map(route -> secondary.equals(route.secondary())).orElse(false);
                });
    }
}
