package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    private final EngineConfig.Builder builder = EngineConfig.builder(NodeId.of("n1"));

    @Test
    void defaults() {
        EngineConfig c = builder.build();
        assertThat(c.mode()).isEqualTo(ReplicationMode.SYNC);
        assertThat(c.failureTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void eachWrongValueNamesItsProperty() {
        assertThatThrownBy(() -> builder.batchSize(0).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> EngineConfig.builder(NodeId.of("n1")).batchDelay(Duration.ZERO).build())
                .hasMessageContaining("batchDelay");
        assertThatThrownBy(() -> EngineConfig.builder(NodeId.of("n1")).heartbeatInterval(Duration.ofSeconds(3))
                .failureTimeout(Duration.ofSeconds(5)).build()).hasMessageContaining("failureTimeout");
        assertThatThrownBy(() -> EngineConfig.builder(NodeId.of("n1")).preferredSecondary(NodeId.of("n1")).build())
                .hasMessageContaining("preferredSecondary");
        assertThatThrownBy(() -> EngineConfig.builder(NodeId.of("n1")).maxAttributeBytes(10).maxSessionBytes(5).build())
                .hasMessageContaining("maxSessionBytes");
        assertThatThrownBy(() -> EngineConfig.builder(NodeId.of("n1")).syncTimeout(Duration.ofMillis(-1)).build())
                .hasMessageContaining("syncTimeout");
    }
}
