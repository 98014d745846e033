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
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.CounterServlet;
import dev.understudy.it.app.NotesServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover between two Payara Micro processes that share sessions through Understudy only (model: WildFly
 * {@code AbstractWebFailoverTestCase}): the counter must be exactly previous + 1 after each topology change, and a
 * forged cookie must <em>not</em> fail over.
 *
 * <p>One broker process, then {@code node-a} and {@code node-b} started one after the other (each ~10 s), each
 * booted with the shipped post-boot file (RAR, adapter configuration, pool, resource) and the counter WAR with the
 * filter ({@link UnderstudyNodes}), SYNC mode. The cluster is formed when a session created on each node names the
 * other as its secondary. The client handles the cookie itself ({@link SessionClient}) and decodes it
 * ({@link RouteCookie}), so it can carry it from one node to the other as a load balancer would after a failure.
 *
 * <p>The tests share the nodes (boots are the cost), in order: (1) a session follows its cookie between live nodes,
 * (2) forged cookies, (3) {@code kill -9} of {@code node-a}, (4) {@code node-c} joins and {@code node-b} is stopped
 * gracefully. Every process is stopped by PID by the {@link ClusterFixture} after the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeFailoverIT {
    private static final String A = "node-a";
    private static final String B = "node-b";
    private static final String C = "node-c";
    private static final String APP = "/counter";
    private static final String COUNTER = APP + CounterServlet.PATH;
    private static final String NOTES = APP + NotesServlet.PATH;

    @RegisterExtension
    static final ClusterFixture cluster = new ClusterFixture();

    /** The cluster's route secret (hex, as the README says), given to the nodes in UNDERSTUDY_ROUTE_SECRET. */
    private static final String SECRET = RouteCookie.randomSecret();
    private static PayaraMicroNode a;
    private static PayaraMicroNode b;
    private static BrokerProcess broker;
    private static String clusterName;
    private static Path war;
    /** The session of the broker-outage test, on node-a at count 4, checked on node-b after node-a dies. */
    private static SessionClient outageSession;
    /** The session of the kill test, left on node-b (count 4) for the graceful-stop test. */
    private static SessionClient survivorSession;

    @BeforeAll
    static void startTwoNodes() {
        clusterName = UnderstudyNodes.uniqueClusterName("it-failover");
        broker = cluster.broker(0, BrokerCredentials.generate(clusterName, List.of(A, B, C)));
        war = TestWars.export(TestWars.counter("counter"));
        String readiness = APP + AdapterHealthServlet.PATH;
        a = cluster.node(ItProcesses.understudyNode(A, broker, clusterName, SECRET, war, readiness));
        Timings.record("failover: node-a ready (RAR + WAR, adapter answers)", a.bootTime());
        b = cluster.node(ItProcesses.understudyNode(B, broker, clusterName, SECRET, war, readiness));
        Timings.record("failover: node-b ready (RAR + WAR, adapter answers)", b.bootTime());

        long start = System.nanoTime();
        awaitSecondary(a, B);
        awaitSecondary(b, A);
        Timings.record("failover: nodes paired (each a secondary of the other)",
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A session created on the primary, then its cookie sent to the other node while both live: the other node
     * takes it over (fetch, claim at the secondary, the old primary revoked) and continues from the exact count.
     */
    @Test
    @Order(1)
    void aSessionFollowsItsCookieToTheOtherNodeAndBack() throws Exception {
        SessionClient client = new SessionClient();
        Reply first = client.post(counter(a));
        RouteCookie created = assertServed(first, 1, A, null);
        assertThat(created.primary()).isEqualTo(A);
        assertThat(created.secondary()).as("SYNC: the creation was acknowledged by the secondary").isEqualTo(B);
        String session = created.sessionId();
        assertServed(client.post(counter(a)), 2, A, session);
        assertServed(client.post(counter(a)), 3, A, session);

        Reply moved = client.post(counter(b));
        RouteCookie onB = assertServed(moved, 4, B, session);
        assertThat(moved.newCookie()).as("the route changed: a new cookie").isPresent();
        assertThat(onB.primary()).isEqualTo(B);
        assertThat(onB.secondary()).as("node-a, the only other node, backs it now (or nobody yet)").isIn(A, "");
        assertThat(onB.epoch()).as("a takeover claims the next epoch").isGreaterThan(created.epoch());
        assertThat(onB.verifies(SECRET)).isTrue();

        Reply again = client.get(counter(b));
        assertServed(again, 4, B, session);
        assertThat(again.setCookies()).as("nothing moved: the client's route is current").isEmpty();

        // node-a was revoked when node-b claimed the session: it must not serve its stale copy (3)
        Reply back = client.get(counter(a));
        RouteCookie onA = assertServed(back, 4, A, session);
        assertThat(onA.primary()).isEqualTo(A);
        assertThat(onA.epoch()).isGreaterThan(onB.epoch());
        assertServed(client.post(counter(a)), 5, A, session);
    }

    /**
     * The negative case: cookies that do not verify — garbled, signed with another key, or a genuine cookie whose
     * route was altered — give a fresh session on the node they reach (count 1, a new id, never a 500), and the
     * real session is neither taken over nor changed.
     */
    @Test
    @Order(2)
    void aForgedOrGarbledCookieGetsAFreshSessionAndNoFailover() throws Exception {
        SessionClient owner = new SessionClient();
        RouteCookie genuine = assertServed(owner.post(counter(a)), 1, A, null);
        assertServed(owner.post(counter(a)), 2, A, genuine.sessionId());
        genuine = RouteCookie.parse(owner.requireCookie());

        List<String> forgeries = List.of(
                "garbage",
                "",
                "a.b.c.d.e",
                genuine.sessionId(),
                // the right layout and the real session id, signed with a key the cluster does not have
                RouteCookie.sign(RouteCookie.randomSecret(), genuine.sessionId(), B, A, genuine.epoch() + 1),
                // the genuine MAC over an altered route: a client steering the session to another node
                genuine.withPrimary(B).value(),
                genuine.withEpoch(genuine.epoch() + 1).value(),
                owner.requireCookie() + "x");
        for (String forged : forgeries) {
            SessionClient attacker = new SessionClient().holding(forged);
            Reply reply = attacker.post(counter(b));
            assertThat(reply.status()).as("status for cookie %s", forged).isEqualTo(200);
            CounterServlet.Reply served = CounterServlet.Reply.parse(reply.body());
            assertThat(served.count()).as("a fresh session for cookie %s", forged).isEqualTo(1);
            assertThat(served.node()).isEqualTo(B);
            assertThat(served.session()).isNotEqualTo(genuine.sessionId());
            RouteCookie fresh = RouteCookie.parse(attacker.requireCookie());
            assertThat(fresh.sessionId()).isEqualTo(served.session());
            assertThat(fresh.primary()).isEqualTo(B);
        }

        // the real session stayed where it was, with its count: node-a still serves it, no takeover happened
        Reply still = owner.get(counter(a));
        assertServed(still, 2, A, genuine.sessionId());
        assertThat(still.setCookies()).as("no route change for the real session").isEmpty();
        assertServed(owner.post(counter(a)), 3, A, genuine.sessionId());
    }

    /**
     * {@code kill -9} of the primary: the next request to the survivor, with the same cookie, sees exactly the
     * last acknowledged count, and an increment after it gives exactly previous + 1 — for a session read first
     * and for one whose first request after the kill is an increment. The first session also holds a list changed
     * in place (no {@code setAttribute}) before the kill: the survivor has the change, and the session's
     * activation listener ran once there (it arrived by takeover).
     */
    /**
     * The broker dies ({@code kill -9}) while a session is served: requests go on, degraded (unprotected,
     * counted) — no 500, nobody takes anything over. A broker comes back on the same port, the nodes reconnect
     * and pair again, and the changes made during the outage are resynced to the secondary: the kill test that
     * follows finds count 4 on node-b after node-a is gone.
     */
    @Test
    @Order(3)
    void requestsGoOnWhileTheBrokerIsDownAndResyncWhenItIsBack() throws Exception {
        outageSession = new SessionClient();
        String session = assertServed(outageSession.post(counter(a)), 1, A, null).sessionId();
        assertServed(outageSession.post(counter(a)), 2, A, session);
        int port = broker.port();

        broker.kill9();
        assertServed(outageSession.post(counter(a)), 3, A, session);
        assertServed(outageSession.post(counter(a)), 4, A, session);

        broker = cluster.broker(port, broker.credentials());
        // both nodes back on the broker and every change of the outage acknowledged by its secondary (resynced)
        awaitReplicated(a);
        awaitReplicated(b);
        awaitSecondary(a, B);
        awaitSecondary(b, A);
        assertServed(outageSession.get(counter(a)), 4, A, session);
    }

    @Test
    @Order(4)
    void afterKillNineOfThePrimaryTheSurvivorServesTheLastAcknowledgedCount() throws Exception {
        SessionClient readFirst = new SessionClient();
        SessionClient writeFirst = new SessionClient();
        String readSession = createWithCount(readFirst, 3);
        assertThat(readFirst.post(notes(a, "one")).body()).startsWith("notes=[one] ");
        assertThat(readFirst.post(notes(a, "two")).body()).startsWith("notes=[one, two] ");
        assertThat(readFirst.cookie().map(RouteCookie::parse)).as("still on node-a, backed by node-b")
                .hasValueSatisfying(route -> assertThat(route.secondary()).isEqualTo(B));
        String writeSession = createWithCount(writeFirst, 2);
        assertThat(health(a)).as("node-a before the kill: connected, every change acknowledged (SYNC)")
                .contains(" brokerConnected=true unacknowledged=0 ");
        int activationsOnB = activations(Http.get(b.url(NOTES)).body());

        long killed = a.pid();
        a.kill9();
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive)).as("pid %d", killed).isEmpty();

        long start = System.nanoTime();
        Reply read = readFirst.get(counter(b));
        Timings.record("failover: first request after kill -9 served by the survivor",
                Duration.ofNanos(System.nanoTime() - start));
        RouteCookie taken = assertServed(read, 3, B, readSession);
        assertThat(taken.primary()).isEqualTo(B);
        assertThat(taken.secondary()).as("node-b's secondary").isNotEqualTo(B);
        assertServed(readFirst.post(counter(b)), 4, B, readSession);
        assertServed(readFirst.get(counter(b)), 4, B, readSession);
        String survivorNotes = readFirst.get(b.url(NOTES)).body();
        assertThat(survivorNotes).as("the in-place change reached the secondary")
                .startsWith("notes=[one, two] ").endsWith(" node=" + B);
        assertThat(activations(survivorNotes)).as("sessionDidActivate once on node-b").isEqualTo(activationsOnB + 1);

        RouteCookie takenByWrite = assertServed(writeFirst.post(counter(b)), 3, B, writeSession);
        assertThat(takenByWrite.primary()).isEqualTo(B);
        // the broker-outage test's changes reached node-b when the broker came back
        assertServed(outageSession.get(counter(b)), 4, B, null);
        assertServed(outageSession.post(counter(b)), 5, B, null);
        assertServed(writeFirst.get(counter(b)), 3, B, writeSession);
        survivorSession = readFirst;
    }

    /**
     * A rolling restart: a third node joins, node-b is stopped gracefully (SIGTERM: the adapter hands every
     * session it serves to its secondary before the JVM exits), and node-c serves them with exact counts — a
     * session created on node-b, and the one that already failed over from node-a.
     */
    @Test
    @Order(5)
    void aGracefulStopHandsEverySessionToItsSecondary() throws Exception {
        PayaraMicroNode c = cluster.node(ItProcesses.understudyNode(C, broker, clusterName, SECRET, war,
                APP + AdapterHealthServlet.PATH));
        Timings.record("failover: node-c ready (RAR + WAR, adapter answers)", c.bootTime());
        awaitSecondary(b, C);

        SessionClient client = new SessionClient();
        RouteCookie route = assertServed(client.post(counter(b)), 1, B, null);
        assertThat(route.secondary()).as("backed by node-c").isEqualTo(C);
        assertServed(client.post(counter(b)), 2, B, route.sessionId());
        if (survivorSession != null) {
            // node-b serves it since the kill (unprotected until node-c joined); a leave hands over such sessions too
            assertServed(survivorSession.get(counter(b)), 4, B, null);
        }

        long start = System.nanoTime();
        b.stop();
        Timings.record("failover: graceful stop (SIGTERM) of node-b, sessions handed over",
                Duration.ofNanos(System.nanoTime() - start));
        assertThat(b.isGone()).isTrue();

        RouteCookie onC = assertServed(client.get(counter(c)), 2, C, route.sessionId());
        assertThat(onC.primary()).isEqualTo(C);
        assertServed(client.post(counter(c)), 3, C, route.sessionId());
        if (survivorSession != null) {
            assertServed(survivorSession.get(counter(c)), 4, C, null);
            assertServed(survivorSession.post(counter(c)), 5, C, null);
        }
    }

    /** A session on node-a counted up to {@code count}, every increment acknowledged by node-b (SYNC). */
    private static String createWithCount(SessionClient client, int count) throws Exception {
        RouteCookie route = assertServed(client.post(counter(a)), 1, A, null);
        assertThat(route.secondary()).as("backed by node-b").isEqualTo(B);
        for (int i = 2; i <= count; i++) {
            assertServed(client.post(counter(a)), i, A, route.sessionId());
        }
        // the route did not change meanwhile (no Set-Cookie); the caller checks that node-b acknowledged them
        assertThat(RouteCookie.parse(client.requireCookie())).isEqualTo(route);
        return route.sessionId();
    }

    /**
     * Asserts a 200 from {@code node} with exactly {@code count} for {@code session} ({@code null}: a new one)
     * and returns the route the client holds afterwards, checked against the reply and the secret.
     */
    private static RouteCookie assertServed(Reply reply, int count, String node, String session) {
        assertThat(reply.status()).as("status, body %s", reply.body()).isEqualTo(200);
        CounterServlet.Reply served = CounterServlet.Reply.parse(reply.body());
        assertThat(served.count()).as("count in %s", served).isEqualTo(count);
        assertThat(served.node()).as("node in %s", served).isEqualTo(node);
        if (session != null) {
            assertThat(served.session()).as("session in %s", served).isEqualTo(session);
        }
        String value = reply.newCookie().orElse(null);
        if (value != null) {
            RouteCookie route = RouteCookie.parse(value);
            assertThat(route.sessionId()).isEqualTo(served.session());
            assertThat(route.primary()).as("the primary the cookie names").isEqualTo(node);
            assertThat(route.verifies(SECRET)).as("MAC of %s", value).isTrue();
            return route;
        }
        return null;
    }

    /**
     * Waits until a session created on {@code node} is backed by {@code secondary} — the two adapters see each
     * other through the broker. Each attempt creates a throw-away session.
     */
    private static void awaitSecondary(PayaraMicroNode node, String secondary) {
        await(node.name() + " pairs with " + secondary)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    SessionClient probe = new SessionClient();
                    Reply reply = probe.post(counter(node));
                    return reply.status() == 200 && probe.cookie().map(RouteCookie::parse)
                            .map(route -> secondary.equals(route.secondary())).orElse(false);
                });
    }

    /** Waits until {@code node} is connected to the broker and no session holds an unacknowledged change. */
    private static void awaitReplicated(PayaraMicroNode node) {
        await(node.name() + " connected, every change acknowledged").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> health(node).contains(" brokerConnected=true unacknowledged=0 "));
    }

    /** The body of the node's {@link AdapterHealthServlet} (its status line). */
    private static String health(PayaraMicroNode node) throws Exception {
        return Http.get(node.url(APP + AdapterHealthServlet.PATH)).body();
    }

    private static URI counter(PayaraMicroNode node) {
        return node.url(COUNTER);
    }

    private static URI notes(PayaraMicroNode node, String note) {
        return node.url(NOTES + "?add=" + note);
    }

    private static int activations(String notesBody) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("activations=(\\d+)").matcher(notesBody);
        assertThat(matcher.find()).as("activations in %s", notesBody).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
