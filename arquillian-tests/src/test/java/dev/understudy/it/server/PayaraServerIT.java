package dev.understudy.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.process.HeadlessChromium;
import dev.understudy.demo.client.Json;
import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.demo.process.Http;
import dev.understudy.it.cluster.ClusterFixture;
import dev.understudy.it.shop.ShopReply;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Understudy on Payara Server 6 (full), driven by the asadmin files shipped in {@code server-configs/payara-server}
 * exactly as its README tells users: one domain of the test's own (one start), first the standalone RAR with
 * {@code sample.war}, then the EAR with the RAR embedded. The other replica of every session is a Payara Micro node
 * ({@code micro-1}: the Micro files of {@code server-configs/payara-micro}, {@code sample.war}) on the same broker
 * and cluster, so each request really replicates — and the Micro node takes a Server session over.
 *
 * <p>Everything on 127.0.0.1: the domain's listeners by the shipped pre-boot file, the broker and the Micro node by
 * the demo's process machinery. The broker URL, the cluster name and the timings of this run reach the server as
 * system properties {@code understudy.<name>} (the per-server override the README documents), so the shipped files
 * run unchanged. The domain is stopped and deleted, the processes ended by PID, whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {
    /** The DAS's instance name, which the shipped files give as nodeId ({@code ${com.sun.aas.instanceName}}). */
    private static final String SERVER_NODE = "server";
    private static final String MICRO_NODE = "micro-1";
    private static final String HEALTH = "/sample/api/health";
    private static final String COUNTER = "/sample/api/counter";
    private static final String STANDALONE = "understudy-rar";
    private static final String EMBEDDED = "shop#understudy-rar";
    private static final Duration READY = Duration.ofSeconds(120);

    @RegisterExtension
    static final ClusterFixture processes = new ClusterFixture();

    private final long classStart = System.nanoTime();
    private final String secret = RouteCookie.randomSecret();
    private final String clusterName = UnderstudyNodes.uniqueClusterName("server");
    private final Path output = ItSettings.buildDirectory().resolve("payara-server-console");
    private PayaraMicroNode micro;
    private PayaraServerDomain domain;
    private AdapterProperties declared;

    @BeforeAll
    void startBrokerMicroNodeAndDomain() throws Exception {
        // the secured broker: a login per node, "server" (the domain's instance name is its node id) and the Micro node
        BrokerCredentials credentials = BrokerCredentials.generate(clusterName, List.of(SERVER_NODE, MICRO_NODE));
        BrokerProcess broker = processes.broker(0, credentials);
        BrokerCredentials.Login login = credentials.node(SERVER_NODE);
        // the other replica boots while the domain is created and started
        CompletableFuture<PayaraMicroNode> other = CompletableFuture.supplyAsync(() -> processes.node(ItProcesses
                .understudyNode(MICRO_NODE, broker, clusterName, secret, ItSettings.sampleWar(), HEALTH)
                .heapMegabytes(384)));
        Files.createDirectories(output);
        declared = AdapterProperties.of(ItSettings.resourceAdapterArchive(), output.resolve("rar-jars"));
        domain = PayaraServerDomain.create(ServerSettings.payaraServerHome(),
                ItSettings.buildDirectory().resolve("payara-server-domains"), clusterName,
                Map.of("UNDERSTUDY_ROUTE_SECRET", secret,
                        "JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="
                                + ItSettings.tmpDirectory()));
        domain.start(ServerSettings.shipped("pre-boot-loopback.asadmin"));
        // what differs on this server: understudy.<name> system properties win over the adapter configuration
        domain.asadmin("create-system-properties", "understudy.brokerUrl=" + broker.url().replace(":", "\\:")
                + ":understudy.clusterName=" + clusterName
                + ":understudy.user=" + login.user() + ":understudy.password=" + login.password().replace(":", "\\:")
                + ":understudy.heartbeatIntervalMillis=" + UnderstudyNodes.HEARTBEAT_MILLIS
                + ":understudy.failureTimeoutMillis=" + UnderstudyNodes.FAILURE_TIMEOUT_MILLIS);
        micro = other.get(UnderstudyNodes.STARTUP_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopDomain() {
        if (domain != null) {
            domain.close();
        }
        Timings.record("payara-server: PayaraServerIT until the domain is deleted",
                Duration.ofNanos(System.nanoTime() - classStart));
    }

    @Test
    @Order(1)
    void standaloneAdapterAndWarReplicateEverySessionToTheOtherServer() throws Exception {
        domain.multimode(ServerSettings.shipped("adapter-config.asadmin"));
        Map<String, String> configured = configured(STANDALONE);
        assertThat(configured.keySet()).containsExactlyInAnyOrderElementsOf(declared.configuredByTheShippedFiles());
        assertThat(configured).containsEntry("nodeId", "${com.sun.aas.instanceName}")
                .containsEntry("routeSecret", "${ENV=UNDERSTUDY_ROUTE_SECRET}").containsEntry("mode", "SYNC");
        assertThat(domain.asadmin("get", "configs.config.server-config.connector-service.class-loading-policy"))
                .contains("class-loading-policy=global");

        domain.timed("deploy understudy-rar.rar", "deploy", "--name", STANDALONE,
                ItSettings.resourceAdapterArchive().toString());
        domain.multimode(ServerSettings.shipped("connection-factory.asadmin"));
        domain.timed("deploy sample.war", "deploy", ItSettings.sampleWar().toString());
        awaitHealthy();

        SessionClient client = new SessionClient();
        ShopReply first = pairedSession(client);
        ShopReply second = post(client, domain.http(COUNTER));
        assertThat(second.count()).as("%s", second).isEqualTo(2);
        assertThat(second.node()).isEqualTo(SERVER_NODE);
        assertThat(second.primary()).isEqualTo(SERVER_NODE);
        assertThat(second.secondary()).isEqualTo(MICRO_NODE);
        assertThat(second.protection()).isEqualTo("ACKNOWLEDGED");
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(second.version()).isEqualTo(first.version() + 1);

        // the same cookie at the Payara Micro node: it fetches the session from the server and takes it over
        ShopReply moved = post(client, micro.url(COUNTER));
        assertThat(moved.count()).as("%s", moved).isEqualTo(3);
        assertThat(moved.node()).isEqualTo(MICRO_NODE);
        assertThat(moved.primary()).isEqualTo(MICRO_NODE);
        assertThat(moved.secondary()).isEqualTo(SERVER_NODE);
        assertThat(moved.takenOver()).isTrue();
        assertThat(moved.epoch()).isEqualTo(second.epoch() + 1);
        assertThat(moved.protection()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    @Order(2)
    void everyAdapterPropertyIsInTheAdminConsole() throws Exception {
        // what the console's "New Resource Adapter Config" page lists for the adapter (it makes this REST call):
        // every declared property, with the running adapter's values (its JavaBean getters, ${...} resolved)
        Map<String, String> offered = offeredByTheConsole(STANDALONE);
        assertThat(offered.keySet()).as("properties the console offers for %s", STANDALONE)
                .containsExactlyInAnyOrderElementsOf(declared.names());
        for (AdapterProperties.Declared p : declared.all()) {
            if (!p.defaultValue().isEmpty()) {
                assertThat(offered.get(p.name())).as(p.name()).isEqualTo(p.defaultValue());
            }
        }
        assertThat(offered.get("nodeId")).as("${com.sun.aas.instanceName} resolved").isEqualTo(SERVER_NODE);
        assertThat(configured(STANDALONE).keySet()).containsExactlyInAnyOrderElementsOf(declared.configuredByTheShippedFiles());

        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "No headless Chromium here (Debian: apt-get install -y chromium,"
                + " which .ci/run does as root): the console screenshot is skipped; the REST checks above passed");
        long start = System.nanoTime();
        // the console deploys itself on the first request: 202 "loading", then 200
        await("admin console loaded").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.status(domain.adminUri("/"), Duration.ofSeconds(30)).orElse(0) == 200);
        Timings.record("payara-server: admin console loaded", Duration.ofNanos(System.nanoTime() - start));

        String edit = domain.adminUri("/jca/resourceAdapterConfigEdit.jsf?name=" + STANDALONE).toString();
        String editDom = chromium.get().dumpDom(edit, output.resolve("resource-adapter-config-edit.html"), 5000);
        assertThat(editDom).contains("Edit Resource Adapter Config").contains(">" + STANDALONE + "<");
        for (String name : declared.configuredByTheShippedFiles()) {
            assertThat(editDom).as("the edit page shows %s", name).contains("value=\"" + name + "\"");
        }
        assertThat(editDom).as("the edit page shows the reference, not the secret")
                .contains("${ENV=UNDERSTUDY_ROUTE_SECRET}").doesNotContain(secret);
        String create = domain.adminUri("/jca/resourceAdapterConfigNew.jsf?name=" + STANDALONE).toString();
        String newDom = chromium.get().dumpDom(create, output.resolve("resource-adapter-config-new.html"), 5000);
        for (String name : declared.names()) {
            assertThat(newDom).as("the New page offers %s", name).contains("value=\"" + name + "\"");
        }
        Path png = output.resolve("understudy-rar-console.png");
        chromium.get().screenshot(edit, png, 1600, 1360, 5000);
        assertThat(HeadlessChromium.pngSize(png)).containsExactly(1600, 1360);
        Files.copy(png, ItSettings.buildDirectory().resolve("payara-server-console.png"),
                StandardCopyOption.REPLACE_EXISTING);
        Timings.record("payara-server: console DOM and screenshot", Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    @Order(3)
    void aPropertyChangedThroughAsadminIsVisibleAndTakesEffect() throws Exception {
        // one property changed, one added (zone has no default, so the shipped file does not configure it)
        String property = "resources.resource-adapter-config." + STANDALONE + ".property.";
        domain.asadmin("set", property + "mode=ASYNC", property + "zone=z1");
        assertThat(configured(STANDALONE)).containsEntry("mode", "ASYNC").containsEntry("zone", "z1");
        await("the adapter restarted with the new values").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> Files.readString(domain.serverLog())
                        .contains("mode ASYNC, topology Topology[machine=, rack=, zone=z1]"));
        // Payara restarted the adapter with the new value; the application still holds the old one's pool
        domain.timed("redeploy sample.war", "deploy", "--force=true", ItSettings.sampleWar().toString());
        awaitHealthy();

        SessionClient client = new SessionClient();
        pairedSession(client);
        ShopReply second = post(client, domain.http(COUNTER));
        assertThat(second.count()).as("%s", second).isEqualTo(2);
        assertThat(second.secondary()).isEqualTo(MICRO_NODE);
        assertThat(second.protection()).as("ASYNC: queued, not waited for").isEqualTo("QUEUED");
    }

    @Test
    @Order(4)
    void theEarWithTheEmbeddedAdapterDeploysAndReplicates() throws Exception {
        domain.asadmin("undeploy", "sample");
        assertThatThrownBy(() -> domain.asadmin("undeploy", STANDALONE)).as("a pool exists on the adapter")
                .hasMessageContaining("--cascade=true");
        domain.timed("undeploy --cascade=true understudy-rar", "undeploy", "--cascade=true", STANDALONE);
        assertThat(domain.asadmin("list-resource-adapter-configs")).doesNotContain(STANDALONE);
        // an EAR's modules see its embedded adapter under the default policy
        domain.asadmin("set", "configs.config.server-config.connector-service.class-loading-policy=derived");

        domain.multimode(ServerSettings.shipped("ear-adapter-config.asadmin"));
        assertThat(configured(EMBEDDED).keySet()).containsExactlyInAnyOrderElementsOf(declared.configuredByTheShippedFiles());
        domain.timed("deploy shop.ear", "deploy", ServerSettings.shopEar().toString());
        awaitHealthy();

        SessionClient client = new SessionClient().keepingContainerSession();
        ShopReply first = pairedSession(client);
        ShopReply second = post(client, domain.http(COUNTER));
        assertThat(second.count()).as("%s", second).isEqualTo(2);
        assertThat(second.primary()).isEqualTo(SERVER_NODE);
        assertThat(second.secondary()).isEqualTo(MICRO_NODE);
        assertThat(second.protection()).isEqualTo("ACKNOWLEDGED");
        assertThat(second.version()).isEqualTo(first.version() + 1);
        ShopReply bean = post(client, domain.http("/sample/api/bean"));
        assertThat(bean.beanCount()).as("%s", bean).isEqualTo(1);
        assertThat(post(client, domain.http("/sample/api/bean")).beanCount()).isEqualTo(2);

        // <application>#<connector module>: an admin-created pool on the embedded adapter ...
        domain.asadmin("create-connector-connection-pool", "--raname", EMBEDDED, "--connectiondefinition",
                "dev.understudy.api.ReplicationConnectionFactory", "--transactionsupport", "NoTransaction",
                "shop-admin-pool");
        assertThat(domain.asadmin("list-connector-connection-pools")).contains("shop-admin-pool");
        // ... which makes a plain undeploy fail
        assertThatThrownBy(() -> domain.asadmin("undeploy", "shop")).hasMessageContaining("--cascade=true");
        domain.timed("undeploy --cascade=true shop", "undeploy", "--cascade=true", "shop");
        assertThat(domain.asadmin("list-connector-connection-pools")).doesNotContain("shop-admin-pool");
        assertThat(Http.status(domain.http(HEALTH), Duration.ofSeconds(10)).orElse(0)).isEqualTo(404);
    }

    /** Waits until the shop's readiness probe answers 200 for this server's node. */
    private void awaitHealthy() {
        long start = System.nanoTime();
        URI health = domain.http(HEALTH);
        await("sample health on Payara Server").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.status(health, Duration.ofSeconds(10)).orElse(0) == 200);
        Timings.record("payara-server: health 200 after deploy", Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * POSTs the counter of a fresh session with {@code client} until the server has the Micro node as a live
     * member and chooses it as the secondary (each try with a new session); returns that first reply (count 1).
     */
    private ShopReply pairedSession(SessionClient client) {
        ShopReply first = await("a session with " + MICRO_NODE + " as its secondary").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> send(client.holding(null), domain.http(COUNTER)),
                        reply -> reply.status() == 200 && MICRO_NODE.equals(reply.secondary()));
        assertThat(first.count()).as("%s", first).isEqualTo(1);
        assertThat(first.node()).isEqualTo(SERVER_NODE);
        return first;
    }

    /** POST {@code uri}; fails unless 200. */
    private static ShopReply post(SessionClient client, URI uri) throws Exception {
        ShopReply reply = send(client, uri);
        assertThat(reply.status()).as("POST %s: %s", uri, reply.body()).isEqualTo(200);
        return reply;
    }

    private static ShopReply send(SessionClient client, URI uri) throws Exception {
        SessionClient.Reply reply = client.post(uri);
        return ShopReply.parse(reply.status(), reply.body());
    }

    /** The properties of adapter configuration {@code name}, from the REST management API (as the console reads). */
    private Map<String, String> configured(String name) {
        Map<String, Object> json = Json.parseObject(domain.rest("/management/domain/resources/resource-adapter-config/"
                + PayaraServerDomain.query(name) + "/property"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (Object entry : list(extra(json).get("properties"))) {
            Map<?, ?> property = (Map<?, ?>) entry;
            properties.put((String) property.get("name"), String.valueOf(property.get("value")));
        }
        return properties;
    }

    /** Name and default of every property the console offers for adapter {@code rar} (its REST call). */
    private Map<String, String> offeredByTheConsole(String rar) {
        String body = domain.rest("/management/domain/resources/get-resource-adapter-config-properties?rarName="
                + PayaraServerDomain.query(rar));
        Object props = extra(Json.parseObject(body)).get("configProps");
        assertThat(props).as("configProps in %s", body).isInstanceOf(Map.class);
        Map<String, String> offered = new LinkedHashMap<>();
        ((Map<?, ?>) props).forEach((k, v) -> offered.put((String) k, v == null ? "" : v.toString()));
        return offered;
    }

    private static Map<?, ?> extra(Map<String, Object> json) {
        Object extra = json.get("extraProperties");
        assertThat(extra).as("extraProperties in %s", json).isInstanceOf(Map.class);
        return (Map<?, ?>) extra;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
