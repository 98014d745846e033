package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.demo.client.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of {@code GET api/status} and {@code GET api/settings}: every field of the records, by its name. */
class StatusJsonTest {

    @Test
    void statusHasEveryFieldOfNodeStatus() {
        NodeStatus status = Statuses.ready();

        Map<String, Object> json = Json.parseObject(JsonText.write(StatusJson.status(status)));

        assertThat(json.keySet()).containsExactly("takenAtMillis", "self", "started", "brokerConnected", "leaseValid",
                "leaving", "ready", "readinessReason", "settings", "members", "unprotected", "distribution",
                "replication", "counters");
        assertThat(json).containsEntry("takenAtMillis", 1_795_000_000_000L).containsEntry("started", true)
                .containsEntry("brokerConnected", true).containsEntry("leaseValid", true)
                .containsEntry("leaving", false).containsEntry("ready", true)
                .containsEntry("readinessReason", status.readinessReason()).containsEntry("unprotected", 1L)
                .containsEntry("distribution", Map.of("b", 2L));
        assertThat(json.get("self")).isEqualTo(Map.of("nodeId", "a", "machine", "m1", "rack", "r1", "zone", "z1",
                "primaries", 3L, "backups", 2L, "lastHeardMillis", 0L));
        assertThat(json.get("members")).isEqualTo(List.of(Map.of("nodeId", "b", "machine", "m2", "rack", "r1",
                "zone", "z2", "primaries", 2L, "backups", 3L, "lastHeardMillis", 120L)));
        assertThat(json.get("replication")).isEqualTo(Map.of("unacknowledged", 1L, "oldestUnacknowledgedMillis", 15L,
                "lastAckLatencyMicros", 850L, "meanAckLatencyMicros", 700L, "heldInBatch", 4L, "meanBatchSize", 12.5,
                "bytesPerReplication", 310.25));
        @SuppressWarnings("unchecked")
        Map<String, Object> counters = (Map<String, Object>) json.get("counters");
        assertThat(counters.keySet()).containsExactlyElementsOf(status.counters().keySet());
        assertThat(counters).containsEntry("sessions_created", 1L);
    }

    @Test
    void settingsWithAndWithoutPairing() {
        Map<String, Object> automatic = Json.parseObject(JsonText.write(StatusJson.settings(Statuses.SETTINGS)));
        assertThat(automatic.keySet()).containsExactly("mode", "batchSize", "batchDelayMillis", "preferredSecondary",
                "logLevel");
        assertThat(automatic).containsEntry("mode", "SYNC").containsEntry("batchSize", 64L)
                .containsEntry("batchDelayMillis", 20L).containsEntry("preferredSecondary", null)
                .containsEntry("logLevel", "INFO");
        ReplicationSettings paired = new ReplicationSettings(ReplicationMode.BATCH, 256, 5, "c", "FINE");
        assertThat(Json.parseObject(JsonText.write(StatusJson.settings(paired))))
                .containsEntry("mode", "BATCH").containsEntry("preferredSecondary", "c").containsEntry("logLevel", "FINE");
    }

    @Test
    void aNodeThatIsNotStartedStillMaps() {
        Map<String, Object> json = Json.parseObject(JsonText.write(StatusJson.status(Statuses.notStarted())));

        assertThat(json).containsEntry("started", false).containsEntry("ready", false)
                .containsEntry("readinessReason", "the Understudy resource adapter is not started")
                .containsEntry("members", List.of()).containsEntry("counters", Map.of());
        assertThat(json.get("replication")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("lastAckLatencyMicros", -1L).containsEntry("meanBatchSize", 0.0);
    }

    @Test
    void aMeanThatIsNotANumberIsNull() {
        NodeStatus.Replication nan = new NodeStatus.Replication(0, 0, -1, -1, 0, Double.NaN, Double.NaN);

        assertThat(JsonText.write(StatusJson.replication(nan))).contains("\"meanBatchSize\":null",
                "\"bytesPerReplication\":null");
    }
}
