package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.NodeStatus;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** Readiness follows {@link NodeStatus#ready()}; liveness only asks that the adapter is there and started. */
class HealthChecksTest {

    @Test
    void readyNodeIsUpWithItsLoad() {
        HealthCheckResponse response = UnderstudyReadiness.verdict(snapshot(Statuses.ready()));

        assertThat(response.getName()).isEqualTo("understudy");
        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(response.getData()).get().isEqualTo(Map.of("node", "a",
                "reason", "ready: connected to the broker, 1 other live node(s) can be secondaries [b]",
                "members", 1L, "peers", "b", "primaries", 3L, "backups", 2L, "unprotected", 1L,
                "brokerConnected", true, "mode", "SYNC"));
    }

    @Test
    void brokerDownIsNotReadyWithTheReason() {
        HealthCheckResponse response = UnderstudyReadiness.verdict(snapshot(Statuses.brokerDown()));

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("brokerConnected", false)
                .containsEntry("members", 0L).containsEntry("peers", "");
        assertThat((String) response.getData().orElseThrow().get("reason")).startsWith("no connection to the broker");
    }

    @Test
    void aSingleNodeClusterThatSaysSoIsReady() {
        NodeStatus r = Statuses.ready();
        NodeStatus single = new NodeStatus(r.takenAtMillis(), r.self(), true, true, true, false, true,
                "ready as a single-node cluster: no other live node", r.settings(), java.util.List.of(), 3, Map.of(),
                r.replication(), r.counters());

        HealthCheckResponse response = UnderstudyReadiness.verdict(snapshot(single));

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("reason",
                "ready as a single-node cluster: no other live node").containsEntry("unprotected", 3L);
    }

    @Test
    void noAdapterIsDownForBoth() {
        StatusCache.Snapshot missing = new StatusCache.Snapshot(null, "no Understudy resource adapter found (...)", 0);

        assertThat(UnderstudyReadiness.verdict(missing).getStatus()).isEqualTo(Status.DOWN);
        assertThat(UnderstudyReadiness.verdict(missing).getData().orElseThrow())
                .containsOnly(Map.entry("reason", "no Understudy resource adapter found (...)"));
        assertThat(UnderstudyLiveness.verdict(missing).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void livenessIgnoresTheBroker() {
        HealthCheckResponse response = UnderstudyLiveness.verdict(snapshot(Statuses.brokerDown()));

        assertThat(response.getName()).isEqualTo("understudy-adapter");
        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(response.getData()).get().isEqualTo(Map.of("node", "a", "started", true, "brokerConnected", false));
    }

    @Test
    void aStoppedAdapterIsNotAlive() {
        HealthCheckResponse response = UnderstudyLiveness.verdict(snapshot(Statuses.notStarted()));

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("started", false)
                .containsEntry("reason", "the Understudy resource adapter is not started");
        assertThat(UnderstudyReadiness.verdict(snapshot(Statuses.notStarted())).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void checksReadTheCache() {
        FakeAdmin admin = new FakeAdmin();
        StatusCache cache = new StatusCache(() -> new AdapterLocator.Located(admin, "x", null), System::nanoTime);

        assertThat(new UnderstudyReadiness(cache).call().getStatus()).isEqualTo(Status.UP);
        admin.status = Statuses::brokerDown;
        cache.invalidate();
        assertThat(new UnderstudyReadiness(cache).call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(new UnderstudyLiveness(cache).call().getStatus()).isEqualTo(Status.UP);
    }

    private static StatusCache.Snapshot snapshot(NodeStatus status) {
        return new StatusCache.Snapshot(status, null, 0);
    }
}
