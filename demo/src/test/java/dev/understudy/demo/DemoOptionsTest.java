package dev.understudy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.demo.cluster.HaproxyConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void defaultsAvoidPayarasOwnPorts() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.nodes()).isEqualTo(3);
        assertThat(options.lbMode()).isEqualTo(HaproxyConfig.Mode.ROUTE);
        assertThat(options.mode()).isEqualTo("SYNC");
        assertThat(options.embeddedBroker()).isTrue();
        assertThat(options.scenario()).isEmpty();
        assertThat(options.sessions()).isEqualTo(100);
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(options.ports()).containsKeys(18080, 18081, 18082, 18083, 61716, 16901, 16902, 16903)
                .hasSize(8)
                .doesNotContainKeys(8080, 4848, 6900, 8181);
        assertThat(options.nodePort(3)).isEqualTo(18083);
        assertThat(options.nodeHazelcastPort(2)).isEqualTo(16902);
    }

    @Test
    void everyOptionInBothForms() {
        DemoOptions options = DemoOptions.parse("--nodes", "5", "--lb=hash", "--lb-port", "28080", "--base-port=28081",
                "--broker-port", "28616", "--hazelcast-port", "28901", "--mode", "batch", "--scenario", "failover",
                "--sessions=20", "--war", "x/shop.war", "--startup-timeout", "60");

        assertThat(options.nodes()).isEqualTo(5);
        assertThat(options.lbMode()).isEqualTo(HaproxyConfig.Mode.HASH);
        assertThat(options.lbPort()).isEqualTo(28080);
        assertThat(options.nodePort(5)).isEqualTo(28085);
        assertThat(options.brokerPort()).isEqualTo(28616);
        assertThat(options.nodeHazelcastPort(5)).isEqualTo(28905);
        assertThat(options.mode()).isEqualTo("BATCH");
        assertThat(options.scenario()).contains(DemoOptions.Scenario.FAILOVER);
        assertThat(options.sessions()).isEqualTo(20);
        assertThat(options.war()).contains(Path.of("x/shop.war"));
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void brokerHaStartsAPairOnTheBrokerPortAndTheNext() {
        DemoOptions options = DemoOptions.parse("--broker", "ha", "--broker-port", "28616");

        assertThat(options.brokerHa()).isTrue();
        assertThat(DemoOptions.parse().brokerHa()).isFalse();
        assertThat(DemoOptions.parse("--broker=single").brokerHa()).isFalse();
        assertThat(options.ports()).containsEntry(28616, "the primary broker, --broker-port")
                .containsEntry(28617, "the backup broker, --broker-port + 1");
        assertThatThrownBy(() -> DemoOptions.parse("--broker", "cluster"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--broker takes single or ha, not cluster");
        assertThatThrownBy(() -> DemoOptions.parse("--broker", "ha", "--broker-url", "tcp://127.0.0.1:61616"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--broker ha starts the demo's");
    }

    @Test
    void anExternalBrokerReplacesTheEmbeddedOneAndItsPort() {
        DemoOptions options = DemoOptions.parse("--broker-url", "tcp://127.0.0.1:61616", "--broker-port", "18081");

        assertThat(options.embeddedBroker()).isFalse();
        assertThat(options.brokerUrl()).contains(URI.create("tcp://127.0.0.1:61616"));
        assertThat(options.ports()).doesNotContainKey(61616).containsEntry(18081, "node-1 HTTP, --base-port");
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(DemoOptions.parse("--help").help()).isTrue();
        assertThat(DemoOptions.parse("-h").help()).isTrue();
        assertThat(DemoOptions.usage()).contains("--nodes", "--lb route|hash", "--lb-port", "--base-port",
                "--broker-port", "--broker-url", "--hazelcast-port", "--mode", "--scenario failover", "--help");
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertBad("needs a value", "--nodes");
        assertBad("between 1 and 16", "--nodes", "0");
        assertBad("needs a number", "--nodes", "three");
        assertBad("between 1 and 65535", "--lb-port", "70000");
        assertBad("route or hash", "--lb", "sticky");
        assertBad("SYNC, ASYNC or BATCH", "--mode", "fast");
        assertBad("Unknown scenario", "--scenario", "chaos");
        assertBad("tcp://host:port", "--broker-url", "http://127.0.0.1:61616");
        assertBad("tcp://host:port", "--broker-url", "tcp://127.0.0.1");
        assertBad("Unknown option: --node", "--node", "3");
        assertBad("Unexpected argument", "failover");
        assertBad("at least 2 nodes", "--nodes", "1", "--scenario", "failover");
        assertBad("too high", "--nodes", "3", "--base-port", "65534");
    }

    @Test
    void portsMustNotOverlap() {
        assertBad("18082 is both node-2 HTTP, --base-port and HAProxy, --lb-port", "--lb-port", "18082");
        assertBad("61716 is both the broker", "--hazelcast-port", "61715");
        assertThat(DemoOptions.parse("--nodes", "1", "--lb-port", "18082").ports()).hasSize(4);
    }

    @Test
    void defaultsAreWhatParseGivesWithoutArguments() {
        assertThat(DemoOptions.parse()).isEqualTo(DemoOptions.defaults());
        assertThat(DemoOptions.defaults().war()).isEqualTo(Optional.empty());
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> DemoOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void brokerCredentialsGoWithAnExternalBroker() {
        DemoOptions options = DemoOptions.parse("--broker-url", "tcp://127.0.0.1:61616", "--broker-credentials",
                "/srv/creds.properties");

        assertThat(options.brokerCredentials()).contains(java.nio.file.Path.of("/srv/creds.properties"));
        assertThat(DemoOptions.defaults().brokerCredentials()).isEmpty();
        assertThatThrownBy(() -> DemoOptions.parse("--broker-credentials", "/srv/creds.properties"))
                .hasMessageContaining("--broker-url");
    }
}
