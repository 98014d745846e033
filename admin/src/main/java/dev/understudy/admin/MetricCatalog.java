package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.admin.StatusCache.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * Which MicroProfile metrics a node has, and how each is read from a {@link NodeStatus}: the gauges below, every
 * engine and adapter counter of {@link NodeStatus#counters()} as a counter {@code understudy_<name>} (exported as
 * {@code understudy_<name>_total}), and two counters summing others ({@link #DERIVED}). All carry the tag
 * {@value #NODE_TAG}. Times are in seconds, as Prometheus expects; a gauge without a status to read is NaN.
 */
final class MetricCatalog {
    static final String PREFIX = "understudy_";
    static final String NODE_TAG = "node";
    /** {@code understudy_mode{mode=...}}: 1 for the mode in force, 0 for the others. */
    static final String MODE = PREFIX + "mode";
    /** {@code understudy_sessions_by_secondary{secondary=...}}: this node's sessions each secondary backs up. */
    static final String BY_SECONDARY = PREFIX + "sessions_by_secondary";

    /** A gauge: its name, help text, and value. */
    record GaugeSpec(String name, String description, ToDoubleFunction<NodeStatus> value) {
        Double read(Snapshot snapshot) {
            return snapshot.available() ? value.applyAsDouble(snapshot.status()) : Double.NaN;
        }
    }

    static final List<GaugeSpec> GAUGES = List.of(
            gauge("ready", "1 when the node is ready (broker connected and a secondary available, or a one-node"
                    + " cluster that says so), else 0", s -> flag(s.ready())),
            gauge("broker_connected", "1 while the broker connection is up", s -> flag(s.brokerConnected())),
            gauge("members", "other live nodes this node sees", s -> s.members().size()),
            gauge("sessions_primary", "sessions this node serves as primary", s -> s.self().primaries()),
            gauge("sessions_backup", "sessions this node backs up as secondary", s -> s.self().backups()),
            gauge("sessions_unprotected", "sessions served here without a secondary", NodeStatus::unprotected),
            gauge("replication_unacknowledged", "sessions with a change their secondary has not acknowledged yet",
                    s -> s.replication().unacknowledged()),
            gauge("replication_lag_seconds", "how long the oldest unacknowledged change has waited (s): what a"
                    + " crash of this node could lose now in ASYNC or BATCH",
                    s -> s.replication().oldestUnacknowledgedMillis() / 1e3),
            gauge("ack_latency_last_seconds", "queued-to-acknowledged time of the last change (s; NaN before the"
                    + " first)", s -> micros(s.replication().lastAckLatencyMicros())),
            gauge("ack_latency_mean_seconds", "mean queued-to-acknowledged time since start (s; NaN before the"
                    + " first)", s -> micros(s.replication().meanAckLatencyMicros())),
            gauge("batch_held", "BATCH: updates held for the next batch", s -> s.replication().heldInBatch()),
            gauge("batch_size_mean", "BATCH: mean updates per batch sent", s -> s.replication().meanBatchSize()),
            gauge("bytes_per_replication", "mean bytes sent to other nodes per delta or whole state",
                    s -> s.replication().bytesPerReplication()),
            gauge("batch_size_limit", "BATCH: a batch leaves when this many updates are held",
                    s -> s.settings() == null ? Double.NaN : s.settings().batchSize()),
            gauge("batch_delay_seconds", "BATCH: a batch leaves when its oldest update is this old (s)",
                    s -> s.settings() == null ? Double.NaN : s.settings().batchDelayMillis() / 1e3));

    /** Counters that sum engine counters: failovers, and every kind of rejected input. */
    static final Map<String, List<String>> DERIVED = Map.of(
            "failovers", List.of("takeovers", "proactive_takeovers"),
            "rejected_inputs", List.of("limit_rejections", "corrupt_frames", "fenced_rejections",
                    "admin_changes_refused"));

    private static final Properties COUNTER_HELP = counterHelp();

    private MetricCatalog() {
    }

    /** Every counter's value by metric name ({@code understudy_deltas_sent} ...), the derived ones last. */
    static Map<String, Long> counters(NodeStatus status) {
        Map<String, Long> values = new LinkedHashMap<>();
        status.counters().forEach((name, value) -> values.put(counterName(name), value));
        DERIVED.forEach((name, parts) -> values.put(counterName(name),
                parts.stream().mapToLong(part -> status.counters().getOrDefault(part, 0L)).sum()));
        return values;
    }

    static String counterName(String counter) {
        return PREFIX + counter.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** The HELP text: the meaning the adapter's README gives the counter ({@code counters.properties}). */
    static String counterDescription(String metricName) {
        String counter = metricName.substring(PREFIX.length());
        List<String> parts = DERIVED.get(counter);
        if (parts != null) {
            return (counter.equals("failovers") ? "sessions failed over to this node: " : "inputs refused: ")
                    + String.join(" + ", parts);
        }
        return COUNTER_HELP.getProperty(counter, "Understudy counter " + counter) + " (since the adapter started)";
    }

    /** {@code counters.properties}: counter name to meaning. */
    static Properties counterHelp() {
        Properties help = new Properties();
        try (InputStream in = MetricCatalog.class.getResourceAsStream("counters.properties")) {
            if (in != null) {
                help.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // HELP lines fall back to the counter's name
        }
        return help;
    }

    private static GaugeSpec gauge(String name, String description, ToDoubleFunction<NodeStatus> value) {
        return new GaugeSpec(PREFIX + name, description, value);
    }

    private static double flag(boolean value) {
        return value ? 1 : 0;
    }

    private static double micros(long micros) {
        return micros < 0 ? Double.NaN : micros / 1e6;
    }
}
