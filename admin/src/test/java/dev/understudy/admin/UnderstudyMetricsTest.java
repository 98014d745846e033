package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.junit.jupiter.api.Test;

/** The metrics' names, tags and values, read from one cached status; counters follow the adapter's totals. */
class UnderstudyMetricsTest {
    private final AtomicLong nanos = new AtomicLong();
    private FakeAdmin admin = new FakeAdmin();
    private final StatusCache cache = new StatusCache(() -> admin == null ? AdapterLocator.Located.missing("none")
            : new AdapterLocator.Located(admin, "x", null), nanos::get);
    private final RecordingRegistry recorded = new RecordingRegistry();
    private final UnderstudyMetrics metrics = new UnderstudyMetrics(recorded.registry(), cache);

    @Test
    void gaugesHaveTheNodeTagAndTheStatusValues() {
        metrics.update(cache.current());

        assertThat(recorded.gauge("understudy_ready{node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_broker_connected{node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_members{node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_sessions_primary{node=\"a\"}")).isEqualTo(3.0);
        assertThat(recorded.gauge("understudy_sessions_backup{node=\"a\"}")).isEqualTo(2.0);
        assertThat(recorded.gauge("understudy_sessions_unprotected{node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_replication_unacknowledged{node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_replication_lag_seconds{node=\"a\"}")).isEqualTo(0.015);
        assertThat(recorded.gauge("understudy_ack_latency_last_seconds{node=\"a\"}")).isEqualTo(0.00085);
        assertThat(recorded.gauge("understudy_ack_latency_mean_seconds{node=\"a\"}")).isEqualTo(0.0007);
        assertThat(recorded.gauge("understudy_batch_held{node=\"a\"}")).isEqualTo(4.0);
        assertThat(recorded.gauge("understudy_batch_size_mean{node=\"a\"}")).isEqualTo(12.5);
        assertThat(recorded.gauge("understudy_bytes_per_replication{node=\"a\"}")).isEqualTo(310.25);
        assertThat(recorded.gauge("understudy_batch_size_limit{node=\"a\"}")).isEqualTo(64.0);
        assertThat(recorded.gauge("understudy_batch_delay_seconds{node=\"a\"}")).isEqualTo(0.02);
        assertThat(recorded.gauge("understudy_mode{mode=\"SYNC\",node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_mode{mode=\"ASYNC\",node=\"a\"}")).isEqualTo(0.0);
        assertThat(recorded.gauge("understudy_sessions_by_secondary{node=\"a\",secondary=\"b\"}")).isEqualTo(2.0);
        assertThat(recorded.gauges).hasSize(MetricCatalog.GAUGES.size() + 3 + 1);
        assertThat(recorded.gauges.keySet()).allSatisfy(key -> assertThat(key).startsWith("understudy_")
                .contains("node=\"a\""));
    }

    @Test
    void everyCounterOfTheStatusIsACounterWithItsTotal() {
        metrics.update(cache.current());

        Map<String, Long> totals = Statuses.counters(0);
        assertThat(recorded.counters).hasSize(totals.size() + MetricCatalog.DERIVED.size());
        totals.forEach((name, total) ->
                assertThat(recorded.counter("understudy_" + name + "{node=\"a\"}")).as(name).isEqualTo(total));
        assertThat(recorded.counter("understudy_failovers{node=\"a\"}"))
                .isEqualTo(totals.get("takeovers") + totals.get("proactive_takeovers"));
        assertThat(recorded.counter("understudy_rejected_inputs{node=\"a\"}")).isEqualTo(totals.get("limit_rejections")
                + totals.get("corrupt_frames") + totals.get("fenced_rejections") + totals.get("admin_changes_refused"));
        assertThat(recorded.metadata.get("understudy_takeovers").getDescription())
                .startsWith("sessions taken over on a request for a session served elsewhere");
        assertThat(recorded.metadata.values()).allSatisfy(m -> assertThat(m.getUnit()).isEqualTo(MetricUnits.NONE));
    }

    @Test
    void countersGrowByWhatTheTotalsGrew() {
        metrics.update(cache.current());
        admin.status = () -> Statuses.withCounters(10);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        metrics.update(cache.current());

        assertThat(recorded.counter("understudy_sessions_created{node=\"a\"}")).isEqualTo(11);
        assertThat(recorded.counter("understudy_failovers{node=\"a\"}"))
                .isEqualTo(Statuses.counters(10).get("takeovers") + Statuses.counters(10).get("proactive_takeovers"));
    }

    @Test
    void gaugesFollowTheCacheNotTheEngine() {
        metrics.update(cache.current());
        int calls = admin.statusCalls;

        for (int scrape = 0; scrape < 3; scrape++) {
            recorded.gauges.keySet().forEach(recorded::gauge);
        }

        assertThat(admin.statusCalls).as("three scrapes of %d gauges within a second", recorded.gauges.size())
                .isEqualTo(calls);
        admin.settings = new ReplicationSettings(ReplicationMode.BATCH, 256, 5, null, "INFO");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(recorded.gauge("understudy_mode{mode=\"BATCH\",node=\"a\"}")).isEqualTo(1.0);
        assertThat(recorded.gauge("understudy_batch_size_limit{node=\"a\"}")).isEqualTo(256.0);
        assertThat(admin.statusCalls).isEqualTo(calls + 1);
    }

    @Test
    void registeredOnceTheAdapterAnswersAndNaNWhileItDoesNot() {
        admin = null;
        metrics.update(cache.current());
        assertThat(recorded.gauges).isEmpty();

        admin = new FakeAdmin();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        metrics.update(cache.current());
        assertThat(recorded.gauges).isNotEmpty();

        admin.failWith(new IllegalStateException("gone"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(recorded.gauge("understudy_sessions_primary{node=\"a\"}")).isEqualTo(Double.NaN);
        metrics.update(cache.current()); // counters keep their totals
        assertThat(recorded.counter("understudy_sessions_created{node=\"a\"}")).isEqualTo(1);
    }

    @Test
    void aNewSecondaryGetsItsGauge() {
        metrics.update(cache.current());
        admin.status = () -> Statuses.withDistribution(Map.of("b", 1, "c", 4));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        metrics.update(cache.current());

        assertThat(recorded.gauge("understudy_sessions_by_secondary{node=\"a\",secondary=\"c\"}")).isEqualTo(4.0);
        assertThat(recorded.gauge("understudy_sessions_by_secondary{node=\"a\",secondary=\"b\"}")).isEqualTo(1.0);
        admin.status = Statuses::ready;
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(recorded.gauge("understudy_sessions_by_secondary{node=\"a\",secondary=\"c\"}")).isEqualTo(0.0);
    }
}
