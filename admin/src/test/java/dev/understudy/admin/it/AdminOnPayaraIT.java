package dev.understudy.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.process.HeadlessChromium;
import dev.understudy.demo.client.Json;
import dev.understudy.demo.client.SampleReply;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.demo.process.Poll;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * understudy-admin.war on real Payara Micro: a broker and two nodes (node-a m1/r1/z1, node-b m2/r1/z2), each with
 * the RAR, the sample shop and the admin WAR, the operator created by the shipped admin-users.asadmin. Health,
 * metrics, the secured REST resource with every run-time change, the dashboard (and its screenshot in headless
 * Chromium when there is one); last, the broker dies and readiness goes DOWN with the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminOnPayaraIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final Duration EVERY = Duration.ofMillis(200);

    private static AdminCluster cluster;
    private static BrokerProcess broker;
    private static PayaraMicroNode a;
    private static PayaraMicroNode b;
    private static AdminHttp ops;
    private static final List<SessionClient> sessionsOnA = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        long start = System.nanoTime();
        cluster = new AdminCluster();
        broker = cluster.startBroker();
        a = cluster.startNode("node-a", "m1", "r1", "z1");
        b = cluster.startNode("node-b", "m2", "r1", "z2");
        ops = new AdminHttp(AdminCluster.USER, cluster.password());
        Timings.record("broker and two nodes ready (node-a " + a.bootTime().toMillis() + " ms, node-b "
                + b.bootTime().toMillis() + " ms)", start);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Timings.print();
    }

    @Test
    @Order(1)
    void readyWithTwoNodesAndAliveOnBoth() {
        long start = System.nanoTime();
        for (PayaraMicroNode node : List.of(a, b)) {
            Poll.until(node.name() + " ready", SOON, EVERY, () -> anon(node, "/health/ready").statusCode() == 200);
            Map<String, Object> check = check(anon(node, "/health/ready"), "understudy");
            assertThat(check).containsEntry("status", "UP");
            assertThat(data(check)).containsEntry("node", node.name()).containsEntry("members", "1")
                    .containsEntry("peers", node == a ? "node-b" : "node-a").containsEntry("brokerConnected", "true");
            assertThat(data(check).get("reason")).asString().startsWith("ready: connected to the broker");
            HttpResponse<String> live = anon(node, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(check(live, "understudy-adapter")).containsEntry("status", "UP");
            assertThat(ListeningSockets.of(node.pid())).allSatisfy(s -> assertThat(s.isLoopback()).isTrue());
        }
        Timings.record("both nodes /health/ready UP", start);
    }

    @Test
    @Order(2)
    void everyAdminPathNeedsTheRole() {
        for (String path : List.of("/understudy/api/status", "/understudy/api/settings", "/understudy/",
                "/understudy/index.html", "/understudy/dashboard.js")) {
            HttpResponse<String> anonymous = anon(a, path);
            assertThat(anonymous.statusCode()).as("GET %s without credentials", path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        }
        assertThat(new AdminHttp(AdminCluster.USER, "wrong").get(a.url("/understudy/api/status")).statusCode())
                .isEqualTo(401);
        assertThat(new AdminHttp(AdminCluster.OUTSIDER, cluster.password()).get(a.url("/understudy/api/status"))
                .statusCode()).as("a user without the group").isEqualTo(403);
        assertThat(AdminHttp.ANONYMOUS.put(a.url("/understudy/api/settings/mode?mode=ASYNC")).statusCode())
                .isEqualTo(401);
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("mode", "SYNC");
        assertThat(ops.json(a.url("/understudy/api/status"))).containsEntry("ready", true);
    }

    @Test
    @Order(3)
    void sessionsShowInStatusMetricsAndExplain() throws Exception {
        for (int i = 0; i < 12; i++) {
            SessionClient client = new SessionClient();
            SampleReply reply = SampleReply.parse(client.post(a.url("/sample/api/counter")).body());
            assertThat(reply.secondary()).isEqualTo("node-b");
            sessionsOnA.add(client);
        }
        Poll.until("node-a reports 12 primaries", SOON, EVERY, () -> self(ops.json(a.url("/understudy/api/status")))
                .get("primaries").equals(12L));
        Map<String, Object> status = ops.json(a.url("/understudy/api/status"));
        assertThat(status.get("distribution")).isEqualTo(Map.of("node-b", 12L));
        assertThat(AdminOnPayaraIT.<Map<String, Object>>list(status.get("members"))).singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("nodeId", "node-b")
                .containsEntry("zone", "z2").containsEntry("machine", "m2");
        Poll.until("node-b reports 12 backups", SOON, EVERY, () -> self(ops.json(b.url("/understudy/api/status")))
                .get("backups").equals(12L));

        Poll.until("metrics of node-a show the sessions", SOON, EVERY, () -> metric(a,
                "understudy_sessions_primary{", "node=\"node-a\"") == 12.0);
        assertThat(metric(a, "understudy_sessions_by_secondary{", "secondary=\"node-b\"")).isEqualTo(12.0);
        assertThat(metric(a, "understudy_states_sent_total{", "node=\"node-a\"")).isGreaterThanOrEqualTo(12.0);
        assertThat(metric(a, "understudy_ready{", "node=\"node-a\"")).isEqualTo(1.0);
        assertThat(metric(a, "understudy_mode{", "mode=\"SYNC\"")).isEqualTo(1.0);
        assertThat(metric(b, "understudy_sessions_backup{", "node=\"node-b\"")).isEqualTo(12.0);
        assertThat(metric(b, "understudy_states_applied_total{", "node=\"node-b\"")).isGreaterThanOrEqualTo(12.0);
        Timings.note("/metrics of node-a, the understudy lines: " + MetricsText.understudyLines(a).size());

        String session = sessionId(sessionsOnA.get(0));
        HttpResponse<String> why = ops.get(a.url("/understudy/api/explain?kind=WEB&scope=/sample&session=" + session));
        assertThat(why.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(why.body()).get("explanation")).asString().startsWith("node-b: other zone");
        assertThat(ops.get(b.url("/understudy/api/explain?scope=/sample&session=" + session)).statusCode())
                .as("node-b is not the primary").isEqualTo(404);
        Timings.note("explain on node-a: " + why.body());
    }

    @Test
    @Order(4)
    void modeChangesHoldForTheNextRequestAndWrongOnesAreRefused() throws Exception {
        HttpResponse<String> async = ops.put(a.url("/understudy/api/settings/mode?mode=ASYNC"));
        assertThat(async.statusCode()).as(async.body()).isEqualTo(200);
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("mode", "ASYNC");
        assertThat(ops.json(a.url("/understudy/api/status")).get("settings")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("mode", "ASYNC");
        assertThat(protection(sessionsOnA.get(0))).as("the next request after ASYNC").isEqualTo("QUEUED");
        Poll.until("understudy_mode ASYNC", SOON, EVERY, () -> metric(a, "understudy_mode{", "mode=\"ASYNC\"") == 1.0);

        assertThat(ops.put(a.url("/understudy/api/settings/mode"), "text/plain", "BATCH").statusCode()).isEqualTo(200);
        HttpResponse<String> fast = ops.put(a.url("/understudy/api/settings/mode?mode=FAST"));
        assertThat(fast.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(fast.body())).containsEntry("setting", "mode")
                .containsEntry("error", "mode must be one of [SYNC, ASYNC, BATCH], was \"FAST\"; it stays BATCH");
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("mode", "BATCH");
        Timings.note("PUT settings/mode?mode=FAST: 400 " + fast.body());

        assertThat(ops.put(a.url("/understudy/api/settings/mode?mode=SYNC")).statusCode()).isEqualTo(200);
        assertThat(protection(sessionsOnA.get(0))).as("the next request after SYNC").isEqualTo("ACKNOWLEDGED");
    }

    @Test
    @Order(5)
    void batchingPairingAndLogLevel() {
        HttpResponse<String> batching = ops.put(a.url("/understudy/api/settings/batching?size=128&delayMillis=7"));
        assertThat(batching.statusCode()).as(batching.body()).isEqualTo(200);
        HttpResponse<String> negative = ops.put(a.url("/understudy/api/settings/batching?size=-1"));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(negative.body()).get("error")).asString().startsWith("batchSize must be in");
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("batchSize", 128L)
                .containsEntry("batchDelayMillis", 7L);

        HttpResponse<String> unknown = ops.put(a.url("/understudy/api/settings/pairing?node=node-z"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(unknown.body())).containsEntry("setting", "preferredSecondary");
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("preferredSecondary", null);
        Timings.note("PUT settings/pairing?node=node-z: 400 " + unknown.body());
        assertThat(ops.put(a.url("/understudy/api/settings/pairing?node=node-b")).statusCode()).isEqualTo(200);
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("preferredSecondary", "node-b");
        assertThat(ops.put(a.url("/understudy/api/settings/pairing?node=")).statusCode()).isEqualTo(200);
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("preferredSecondary", null);

        assertThat(ops.put(a.url("/understudy/api/settings/log-level?level=LOUD")).statusCode()).isEqualTo(400);
        assertThat(ops.put(a.url("/understudy/api/settings/log-level?level=FINE")).statusCode()).isEqualTo(200);
        assertThat(ops.json(a.url("/understudy/api/settings"))).containsEntry("logLevel", "FINE");
        assertThat(ops.put(a.url("/understudy/api/settings/log-level?level=INFO")).statusCode()).isEqualTo(200);
        Poll.until("the refusals counted", SOON, EVERY, () -> metric(a, "understudy_admin_changes_refused_total{",
                "node=\"node-a\"") >= 3.0);
    }

    @Test
    @Order(6)
    void theDashboardIsServed() {
        HttpResponse<String> page = ops.get(a.url("/understudy/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"dashboard.js\">", "dashboard.css");
        HttpResponse<String> script = ops.get(a.url("/understudy/dashboard.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().contains("javascript");
        assertThat(script.body()).contains("api/status");
        assertThat(ops.get(a.url("/understudy/dashboard.css")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void dashboardScreenshotInHeadlessChromium() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "No headless Chromium here (Debian: apt-get install -y chromium,"
                + " which .ci/run does as root): the dashboard screenshot is skipped");
        DashboardShot.take(chromium.get(), a, b, sessionsOnA, ops);
        Map<String, Object> history = ops.json(a.url("/understudy/api/history"));
        List<Map<String, Object>> events = list(history.get("events"));
        assertThat(events).extracting(e -> e.get("kind")).contains("takeovers", "setting", "admin_changes_refused");
        assertThat(list(history.get("samples"))).isNotEmpty();
        Timings.note("node-a history, newest events: " + Json.write(events.subList(0, Math.min(4, events.size()))));
    }

    @Test
    @Order(8)
    void brokerDownMakesReadinessDownWithTheReasonButNotLiveness() {
        long start = System.nanoTime();
        broker.kill9();
        Poll.until("node-a not ready", SOON, EVERY, () -> anon(a, "/health/ready").statusCode() == 503);
        Timings.record("broker kill -9 until /health/ready is 503", start);
        Map<String, Object> check = check(anon(a, "/health/ready"), "understudy");
        assertThat(check).containsEntry("status", "DOWN");
        assertThat(data(check).get("reason")).asString().startsWith("no connection to the broker");
        assertThat(data(check)).containsEntry("brokerConnected", "false");
        Timings.note("/health/ready with the broker down: " + anon(a, "/health/ready").body());
        HttpResponse<String> live = anon(a, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ops.json(a.url("/understudy/api/status"))).containsEntry("brokerConnected", false)
                .containsEntry("ready", false);
        Poll.until("understudy_broker_connected 0", SOON, EVERY, () -> metric(a, "understudy_broker_connected{",
                "node=\"node-a\"") == 0.0);
    }

    private static HttpResponse<String> anon(PayaraMicroNode node, String path) {
        return AdminHttp.ANONYMOUS.get(node.url(path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(HttpResponse<String> health, String name) {
        List<Object> checks = (List<Object>) Json.parseObject(health.body()).get("checks");
        return checks.stream().map(c -> (Map<String, Object>) c).filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> self(Map<String, Object> status) {
        return (Map<String, Object>) status.get("self");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object json) {
        return (List<T>) json;
    }

    private static double metric(PayaraMicroNode node, String prefix, String tag) {
        return MetricsText.value(node, prefix, tag);
    }

    private static String sessionId(SessionClient client) {
        return client.requireCookie().split("\\.")[0];
    }

    private static String protection(SessionClient client) throws Exception {
        String body = client.post(a.url("/sample/api/counter")).body();
        return String.valueOf(Json.parseObject(body).get("protection"));
    }
}
