package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.admin.StatusCache.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the node's metrics ({@link MetricCatalog}) in the application registry when the WAR starts — or, if
 * no adapter answers yet, as soon as one does — and keeps the counters moving: on each {@link StatusTicker} tick
 * (every second) it adds to each counter what its total grew by ({@link CounterSync}). Gauges read the
 * {@link StatusCache} when scraped, so a scrape costs at most one call to the adapter.
 */
@ApplicationScoped
public class UnderstudyMetrics {
    private MetricRegistry registry;
    private StatusCache cache;
    private final CounterSync sync = new CounterSync();
    private final Map<String, Counter> counters = new HashMap<>();
    private final Set<String> secondaries = new HashSet<>();
    private Tag nodeTag;

    /** For CDI proxies only. */
    protected UnderstudyMetrics() {
    }

    @Inject
    public UnderstudyMetrics(MetricRegistry registry, StatusCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    /** Registers the metrics once the node is known, then brings the counters up to the adapter's totals. */
    synchronized void update(Snapshot snapshot) {
        if (!snapshot.available() || snapshot.status().self().nodeId().isEmpty()) {
            return;
        }
        NodeStatus status = snapshot.status();
        if (nodeTag == null) {
            register(status);
        }
        sync.growth(MetricCatalog.counters(status)).forEach((name, delta) -> counter(name).inc(delta));
        for (String secondary : status.distribution().keySet()) {
            if (secondaries.add(secondary)) {
                registry.gauge(metadata(MetricCatalog.BY_SECONDARY, "sessions of this node backed up by the"
                        + " secondary named by the tag"), () -> bySecondary(secondary), nodeTag,
                        new Tag("secondary", secondary));
            }
        }
    }

    private void register(NodeStatus status) {
        nodeTag = new Tag(MetricCatalog.NODE_TAG, status.self().nodeId());
        for (MetricCatalog.GaugeSpec spec : MetricCatalog.GAUGES) {
            registry.gauge(metadata(spec.name(), spec.description()), () -> spec.read(cache.current()), nodeTag);
        }
        for (ReplicationMode mode : ReplicationMode.values()) {
            registry.gauge(metadata(MetricCatalog.MODE, "1 for the replication mode in force (tag mode), else 0"),
                    () -> modeFlag(mode), nodeTag, new Tag("mode", mode.name()));
        }
        for (String name : MetricCatalog.counters(status).keySet()) {
            counter(name);
        }
        AdminLog.A020.log(status.self().nodeId(), MetricCatalog.GAUGES.size() + ReplicationMode.values().length,
                counters.size());
    }

    private Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> registry.counter(
                metadata(n, MetricCatalog.counterDescription(n)), nodeTag));
    }

    private Double modeFlag(ReplicationMode mode) {
        Snapshot snapshot = cache.current();
        if (!snapshot.available() || snapshot.status().settings() == null) {
            return Double.NaN;
        }
        return snapshot.status().settings().mode() == mode ? 1.0 : 0.0;
    }

    private Double bySecondary(String secondary) {
        Snapshot snapshot = cache.current();
        return snapshot.available() ? snapshot.status().distribution().getOrDefault(secondary, 0).doubleValue()
                : Double.NaN;
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
