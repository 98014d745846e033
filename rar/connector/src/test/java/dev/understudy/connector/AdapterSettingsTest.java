package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Topology;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.io.ObjectInputFilter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation and precedence of the adapter's settings (system property > adapter configuration > default). */
class AdapterSettingsTest {
    private static final String SECRET = "0123456789abcdef";

    /** The adapter's defaults, as the container would set them, plus a node id and a secret. */
    private static Map<String, String> configured(String... pairs) {
        UnderstudyResourceAdapter ra = new UnderstudyResourceAdapter();
        ra.setNodeId("a");
        ra.setRouteSecret(SECRET);
        Map<String, String> values = new HashMap<>(ConfigProperties.values(ra));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static AdapterSettings resolve(Map<String, String> configured, String... systemPairs)
            throws ResourceAdapterInternalException {
        Map<String, String> system = new HashMap<>();
        for (int i = 0; i < systemPairs.length; i += 2) {
            system.put(systemPairs[i], systemPairs[i + 1]);
        }
        return AdapterSettings.resolve(configured, system::get);
    }

    @Test
    void theDefaultsGiveTheEngineDefaults() throws Exception {
        AdapterSettings s = resolve(configured());

        EngineConfig engineDefaults = EngineConfig.builder(NodeId.of("a")).build();
        assertThat(s.engineConfig()).isEqualTo(engineDefaults);
        assertThat(s.transportConfig().brokerUrl()).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(s.transportConfig().clusterName()).isEqualTo("understudy");
        assertThat(s.transportConfig().user()).isNull();
        assertThat(s.deserializationFilter()).isEqualTo(UnderstudyResourceAdapter.DEFAULT_ALLOW_LIST);
        assertThat(s.overrides()).isEmpty();
        assertThat(s.toString()).doesNotContain(SECRET);
    }

    @Test
    void aSystemPropertyOverridesTheAdapterConfigurationWhichOverridesTheDefault() throws Exception {
        AdapterSettings s = resolve(configured("nodeId", "configured", "zone", "eu-1", "mode", "ASYNC",
                        "batchSize", "10"),
                "understudy.nodeId", " from-flag ", "understudy.batchSize", "32", "understudy.rack", "",
                "unrelated.mode", "BATCH");

        assertThat(s.nodeId()).isEqualTo(NodeId.of("from-flag"));
        assertThat(s.engineConfig().batchSize()).isEqualTo(32);
        assertThat(s.engineConfig().mode()).isEqualTo(ReplicationMode.ASYNC);
        assertThat(s.engineConfig().topology()).isEqualTo(new Topology("", "", "eu-1"));
        assertThat(s.engineConfig().syncTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.overrides()).containsOnlyKeys("nodeId", "batchSize")
                .containsEntry("nodeId", "understudy.nodeId");
    }

    @Test
    void theNodeIdMayComeFromASystemPropertyAloneAndIsRequired() throws Exception {
        assertThat(resolve(configured("nodeId", ""), "understudy.nodeId", "b").nodeId()).isEqualTo(NodeId.of("b"));
        assertThatThrownBy(() -> resolve(configured("nodeId", "")))
                .isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property nodeId").hasMessageContaining("required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nodeId|Node.A|nodeId",
        "mode|FAST|mode",
        "batchSize|0|batchSize",
        "batchSize|many|batchSize",
        "batchDelayMillis|-1|batchDelayMillis",
        "syncTimeoutMillis|0|syncTimeoutMillis",
        "heartbeatIntervalMillis|3|heartbeatIntervalMillis",
        "failureTimeoutMillis|1500|failureTimeoutMillis",
        "fetchTimeoutMillis|0|fetchTimeoutMillis",
        "preferredSecondary|a|preferredSecondary",
        "preferredSecondary|B*|preferredSecondary",
        "routeSecret|too-short|routeSecret",
        "routeSecret|${ENV=UNDERSTUDY_ROUTE_SECRET}|routeSecret",
        "nodeId|${understudy.node}|nodeId",
        "routeSecret||routeSecret",
        "maxAttributeBytes|0|maxAttributeBytes",
        "maxAttributeBytes|4194305|maxAttributeBytes",
        "maxSessionBytes|1024|maxSessionBytes",
        "maxSessionBytes|16777217|maxSessionBytes",
        "brokerUrl|not a url|brokerUrl",
        "brokerUrl||brokerUrl",
        "clusterName|Prod.Cluster|clusterName",
        "password|secret|password",
        "zone|" + "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz|zone",
        "deserializationAllowList||deserializationAllowList",
        "deserializationAllowList|maxdepth=deep|deserializationAllowList"})
    void aWrongValueIsRefusedNamingItsProperty(String property, String value, String named) {
        Map<String, String> values = configured(property, value == null ? "" : value);
        if ("failureTimeoutMillis".equals(property)) {
            values.put("heartbeatIntervalMillis", "1000");
        }

        assertThatThrownBy(() -> resolve(values)).isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property " + named + " (from the adapter configuration)");
    }

    @Test
    void aWrongSystemPropertyIsNamedWithItsSource() {
        assertThatThrownBy(() -> resolve(configured(), "understudy.batchSize", "lots"))
                .hasMessageContaining("property batchSize (from the system property understudy.batchSize)")
                .hasMessageContaining("\"lots\"");
    }

    @Test
    void secretsAreTakenAsTheyAreAndNeverShown() throws Exception {
        AdapterSettings s = resolve(configured("user", "node", "password", " p w "),
                "understudy.routeSecret", "  sixteen bytes!  ");

        assertThat(s.transportConfig().password()).isEqualTo(" p w ");
        assertThat(new String(s.routeSecret(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("  sixteen bytes!  ");
        assertThat(s.toString()).doesNotContain("p w", "sixteen");
    }

    @Test
    void theAllowListAlwaysEndsByRejectingEverythingElse() throws Exception {
        AdapterSettings s = resolve(configured("deserializationAllowList", "java.lang.*;com.shop.**"));

        assertThat(s.deserializationFilter()).isEqualTo("java.lang.*;com.shop.**;!*");
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(s.deserializationFilter());
        assertThat(filter.checkInput(info(String.class))).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        assertThat(filter.checkInput(info(Thread.State.class))).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        assertThat(filter.checkInput(info(java.net.Socket.class))).isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(resolve(configured("deserializationAllowList", "java.lang.*;!*")).deserializationFilter())
                .isEqualTo("java.lang.*;!*");
    }

    @Test
    void theDefaultAllowListTakesJdkValuesAndCollectionsButNotReflectionOrInternals() {
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(UnderstudyResourceAdapter.DEFAULT_ALLOW_LIST);

        for (Class<?> allowed : new Class<?>[] {Integer.class, java.util.ArrayList.class, java.util.HashMap.class,
                java.util.concurrent.ConcurrentHashMap.class, java.time.Instant.class, java.math.BigDecimal.class,
                java.util.UUID.class, java.net.URI.class, byte[].class, String[].class}) {
            assertThat(filter.checkInput(info(allowed))).as(allowed.getName())
                    .isIn(ObjectInputFilter.Status.ALLOWED, ObjectInputFilter.Status.UNDECIDED);
        }
        for (Class<?> rejected : new Class<?>[] {java.lang.reflect.Proxy.class, javax.management.ObjectName.class,
                java.rmi.server.UID.class}) {
            assertThat(filter.checkInput(info(rejected))).as(rejected.getName())
                    .isEqualTo(ObjectInputFilter.Status.REJECTED);
        }
    }

    private static ObjectInputFilter.FilterInfo info(Class<?> type) {
        return new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return type;
            }

            @Override
            public long arrayLength() {
                return -1;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return 1;
            }

            @Override
            public long streamBytes() {
                return 10;
            }
        };
    }

    @Test
    void storePasswordsInAnOverridingBrokerUrlAreNotLogged() throws Exception {
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        UnderstudyResourceAdapter.LOG.addHandler(handler);
        try {
            AdapterSettings s = resolve(configured(), "understudy.brokerUrl",
                    "tcp://b:61617?sslEnabled=true;keyStorePath=/k.p12;keyStorePassword=k3y;trustStorePassword=t");

            assertThat(s.transportConfig().brokerUrl()).contains("keyStorePassword=k3y");
            assertThat(s.toString()).doesNotContain("k3y");
        } finally {
            UnderstudyResourceAdapter.LOG.removeHandler(handler);
        }
        assertThat(records).anySatisfy(r -> assertThat(r.getMessage()).startsWith("US-C010")
                .contains("keyStorePassword=****;trustStorePassword=****"));
        assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains("k3y"));
    }
}
