package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation of run-time changes: every wrong value is refused with a message naming the setting and the allowed
 * values, nothing changes, and the refusal is logged and counted. The adapter runs without a broker (it starts
 * anyway), which is all validation needs.
 */
class AdapterAdminTest {
    private final Logger log = Logger.getLogger(UnderstudyResourceAdapter.LOG.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TestNode node;
    private ReplicationAdmin admin;
    private String levelBefore;

    @BeforeEach
    void start() throws Exception {
        levelBefore = LogLevels.current();
        log.addHandler(capture);
        UnderstudyResourceAdapter ra = TestNode.configured("solo", "admin-unit", "tcp://127.0.0.1:1");
        ra.setBatchSize(10);
        ra.setBatchDelayMillis(50L);
        node = TestNode.start(ra);
        admin = node.factory.admin().orElseThrow();
    }

    @AfterEach
    void stop() {
        node.close();
        log.removeHandler(capture);
        LogLevels.set(Level.parse(levelBefore));
    }

    @Test
    void theSettingsInForceAreTheConfiguredOnesAtStart() {
        assertThat(admin.settings()).isEqualTo(new ReplicationSettings(ReplicationMode.SYNC, 10, 50, null,
                LogLevels.current()));
    }

    @Test
    void wrongValuesAreRefusedNamingTheSettingAndTheAllowedValuesAndNothingChanges() {
        ReplicationSettings before = admin.settings();

        assertThatThrownBy(() -> admin.setMode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be one of [SYNC, ASYNC, BATCH], was null; it stays SYNC");
        assertThatThrownBy(() -> node.adapter.admin().setMode("FAST")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be one of [SYNC, ASYNC, BATCH], was \"FAST\"; it stays SYNC");
        assertThatThrownBy(() -> admin.setBatching(-1, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be in [1, 100000], was -1; batching stays 10 messages / 50 ms");
        assertThatThrownBy(() -> admin.setBatching(100_001, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize must be in [1, 100000], was 100001");
        assertThatThrownBy(() -> admin.setBatching(5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchDelayMillis must be in [1, 60000], was 0; batching stays 10 messages / 50 ms");
        assertThatThrownBy(() -> admin.setBatching(5, -20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchDelayMillis must be in [1, 60000], was -20");
        assertThatThrownBy(() -> admin.setPreferredSecondary("Node_B")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("preferredSecondary must be the id ([a-z0-9-]{1,32}) of a live member")
                .hasMessageContaining("\"Node_B\"").hasMessageEndingWith("it stays none");
        assertThatThrownBy(() -> admin.setPreferredSecondary("ghost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preferredSecondary must be a live member of the cluster [] (or none, for the automatic"
                        + " choice), was ghost; it stays none");
        assertThatThrownBy(() -> admin.setPreferredSecondary("solo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be this node itself");
        assertThatThrownBy(() -> admin.setLogLevel("LOUD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logLevel must be one of [OFF, SEVERE, WARNING, INFO, CONFIG, FINE, FINER,"
                        + " FINEST, ALL], was \"LOUD\"");
        assertThatThrownBy(() -> admin.explain(SessionKey.web("/x", "bad id!")))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(admin.settings()).isEqualTo(before);
        NodeStatus status = admin.status();
        assertThat(status.counters()).containsEntry("admin_changes_refused", 10L).containsEntry("admin_changes", 0L);
        assertThat(lines).filteredOn(l -> l.startsWith("US-C051 ")).hasSize(10)
                .anySatisfy(l -> assertThat(l).contains("batchSize must be in [1, 100000], was -1"));
    }

    @Test
    void aValidChangeIsLoggedWithTheOldAndNewValue() {
        ReplicationSettings after = admin.setBatching(3, 60_000);
        admin.setMode(ReplicationMode.BATCH);
        admin.setPreferredSecondary("  ");

        assertThat(after.batchSize()).isEqualTo(3);
        assertThat(after.batchDelayMillis()).isEqualTo(60_000);
        assertThat(lines).contains("US-C050 Run-time change on node solo: batching 10 messages / 50 ms -> 3 messages"
                + " / 60000 ms", "US-C050 Run-time change on node solo: mode SYNC -> BATCH",
                "US-C050 Run-time change on node solo: preferredSecondary none -> none");
        assertThat(admin.status().counters()).containsEntry("admin_changes", 3L);
    }

    @Test
    void aStoppedAdapterRefusesChangesAndReportsItselfNotReady() {
        node.adapter.stop();

        assertThatThrownBy(() -> admin.setMode(ReplicationMode.ASYNC)).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(admin::settings).isInstanceOf(ReplicationException.class);
        NodeStatus status = admin.status();
        assertThat(status.started()).isFalse();
        assertThat(status.ready()).isFalse();
        assertThat(status.readinessReason()).isEqualTo("the Understudy resource adapter is not started");
        assertThat(status.self().nodeId()).isEqualTo("solo");
    }

    @Test
    void withoutABrokerTheNodeIsNotReadyAndSaysWhy() {
        NodeStatus status = admin.status();

        assertThat(status.started()).isTrue();
        assertThat(status.brokerConnected()).isFalse();
        assertThat(status.ready()).isFalse();
        assertThat(status.readinessReason()).startsWith("no connection to the broker tcp://127.0.0.1:1");
        assertThat(status.counters()).containsKeys("deltas_sent", "states_sent", "resyncs_sent", "stale_dropped",
                "duplicates_dropped", "fetches", "takeovers", "proactive_takeovers", "batched_messages",
                "replication_bytes", "ack_latency_micros", "limit_rejections", "corrupt_frames", "admin_changes");
    }
}
