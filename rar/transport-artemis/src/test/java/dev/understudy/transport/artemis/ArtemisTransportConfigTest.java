package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtemisTransportConfigTest {

    @Test
    void defaults() {
        ArtemisTransportConfig config = ArtemisTransportConfig.builder().build();

        assertThat(config.brokerUrl()).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(config.user()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.clusterName()).isEqualTo("understudy");
        assertThat(config.retryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.reconnectAttempts()).isEqualTo(-1);
        assertThat(config.sendQueueCapacity()).isEqualTo(10_000);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void toBuilderKeepsEverything() {
        ArtemisTransportConfig config = ArtemisTransportConfig.builder()
                .brokerUrl("(tcp://a:61616,tcp://b:61616)?ha=true")
                .credentials("node", "secret")
                .clusterName("shop-1")
                .retryInterval(Duration.ofSeconds(2))
                .reconnectAttempts(5)
                .sendQueueCapacity(7)
                .callTimeout(Duration.ofSeconds(3))
                .maxFrameBytes(1024)
                .build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void neverShowsThePassword() {
        ArtemisTransportConfig config = ArtemisTransportConfig.builder().credentials("node", "s3cr3t").build();

        assertThat(config.toString()).doesNotContain("s3cr3t").contains("user=node", "password=****");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shop", "a.b", "a*", "a#", "a b", "a'b", "123456789012345678901234567890123"})
    void rejectsClusterNamesThatCouldBreakAnAddressOrAFilter(String name) {
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().clusterName(name).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clusterName");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().brokerUrl(" ").build())
                .hasMessageContaining("brokerUrl");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().brokerUrl("nonsense://x").build())
                .hasMessageContaining("brokerUrl");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().credentials(null, "pw").build())
                .hasMessageContaining("password");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().retryInterval(Duration.ZERO).build())
                .hasMessageContaining("retryInterval");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().callTimeout(null).build())
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().reconnectAttempts(-2).build())
                .hasMessageContaining("reconnectAttempts");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().sendQueueCapacity(0).build())
                .hasMessageContaining("sendQueueCapacity");
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().maxFrameBytes(0).build())
                .hasMessageContaining("maxFrameBytes");
    }

    @Test
    void anEmptyUserMeansNone() {
        assertThat(ArtemisTransportConfig.builder().credentials("", null).build().user()).isNull();
    }

    @Test
    void passwordsInTheUrlAreNeverShown() {
        ArtemisTransportConfig config = ArtemisTransportConfig.builder()
                .brokerUrl("tcp://broker:61617?sslEnabled=true;keyStorePath=/etc/n1.p12;keyStorePassword=k3y;"
                        + "trustStorePath=/etc/ca.p12;trustStorePassword=tru5t&connectionTTL=10000")
                .credentials("node-n1", "s3cret")
                .build();

        assertThat(config.redactedBrokerUrl()).isEqualTo("tcp://broker:61617?sslEnabled=true;keyStorePath=/etc/n1.p12;"
                + "keyStorePassword=****;trustStorePath=/etc/ca.p12;trustStorePassword=****&connectionTTL=10000");
        assertThat(config.toString()).doesNotContain("k3y").doesNotContain("tru5t").doesNotContain("s3cret")
                .contains("keyStorePath=/etc/n1.p12");
        assertThat(config.brokerUrl()).contains("keyStorePassword=k3y"); // the client still gets it
        assertThatThrownBy(() -> ArtemisTransportConfig.builder().brokerUrl("bogus://x?keyStorePassword=k3y").build())
                .hasMessageNotContaining("k3y");
    }
}
