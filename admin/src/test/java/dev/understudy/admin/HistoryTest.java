package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.demo.client.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Events from consecutive statuses: counters that grew, members, readiness, broker, settings; and lag samples. */
class HistoryTest {
    private final History history = new History();

    @Test
    void theFirstStatusIsABaseline() {
        history.record(Statuses.withCounters(5));

        assertThat(events()).isEmpty();
        assertThat(samples()).containsExactly(List.of(1_795_000_000_000L, 15L, 850L));
    }

    @Test
    void watchedCountersThatGrewAreEventsWithTheirGrowth() {
        history.record(Statuses.ready());
        history.record(with(Statuses.ready(), Map.of("takeovers", 100L, "resyncs_sent", 400L, "deltas_sent", 900L)));

        List<Map<String, Object>> events = events();
        assertThat(events).extracting(e -> e.get("kind")).containsExactly("takeovers", "resyncs_sent");
        Map<String, Object> takeovers = events.get(0);
        long before = Statuses.counters(0).get("takeovers");
        assertThat(takeovers).containsEntry("count", 100L - before).containsEntry("alert", true)
                .containsEntry("atMillis", 1_795_000_000_000L);
        assertThat(takeovers.get("text")).asString().startsWith("takeover");
        assertThat(events.get(1)).containsEntry("alert", false);
    }

    @Test
    void membersReadinessBrokerAndSettings() {
        history.record(Statuses.ready());
        history.record(Statuses.brokerDown());
        history.record(Statuses.withSettings(new ReplicationSettings(ReplicationMode.BATCH, 256, 5, "b", "FINE")));

        assertThat(events()).extracting(e -> e.get("text")).containsExactly(
                "member b is alive", "broker connection is back",
                "ready: ready: connected to the broker, 1 other live node(s) can be secondaries [b]",
                "mode SYNC → BATCH", "batching 64 / 20 ms → 256 / 5 ms", "pairing automatic → b",
                "log level INFO → FINE",
                "member b is gone", "broker connection lost", "not ready: " + Statuses.brokerDown().readinessReason());
    }

    @Test
    void keepsTheLastEventsAndSamples() {
        AtomicLong takeovers = new AtomicLong();
        for (int i = 0; i < History.MAX_SAMPLES + 30; i++) {
            history.record(with(Statuses.ready(), Map.of("takeovers", takeovers.addAndGet(1))));
        }

        assertThat(events()).hasSize(History.MAX_EVENTS);
        assertThat(samples()).hasSize(History.MAX_SAMPLES);
    }

    @Test
    void theTickerFeedsMetricsAndHistoryFromOneRead() {
        FakeAdmin admin = new FakeAdmin();
        AtomicLong nanos = new AtomicLong();
        StatusCache cache = new StatusCache(() -> new AdapterLocator.Located(admin, "x", null), nanos::get);
        RecordingRegistry registry = new RecordingRegistry();
        StatusTicker ticker = new StatusTicker(cache, new UnderstudyMetrics(registry.registry(), cache), history);

        ticker.tick();
        admin.status = () -> with(Statuses.ready(), Map.of("peers_declared_dead", 99L));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        ticker.tick();

        assertThat(events()).extracting(e -> e.get("kind")).containsExactly("peers_declared_dead");
        assertThat(registry.counter("understudy_peers_declared_dead{node=\"a\"}")).isEqualTo(99);
        assertThat(admin.statusCalls).as("one lookup, two ticks").isEqualTo(3);
    }

    private static NodeStatus with(NodeStatus s, Map<String, Long> counters) {
        Map<String, Long> all = new LinkedHashMap<>(s.counters());
        all.putAll(counters);
        return new NodeStatus(s.takenAtMillis(), s.self(), s.started(), s.brokerConnected(), s.leaseValid(),
                s.leaving(), s.ready(), s.readinessReason(), s.settings(), s.members(), s.unprotected(),
                s.distribution(), s.replication(), all);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events() {
        return (List<Map<String, Object>>) Json.parseObject(JsonText.write(history.json())).get("events");
    }

    @SuppressWarnings("unchecked")
    private List<Object> samples() {
        return (List<Object>) Json.parseObject(JsonText.write(history.json())).get("samples");
    }
}
