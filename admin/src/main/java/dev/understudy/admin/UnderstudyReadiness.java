package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.admin.StatusCache.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME} ({@code /health/ready}): UP only when the adapter says the node is ready —
 * connected to the broker, holding its lease, not leaving, and another live node can be a secondary, or it is the
 * only node of the cluster and says so ({@link NodeStatus#ready()}). The data tell why and how loaded the node is:
 * {@code node}, {@code reason}, {@code members} (other live nodes) and {@code peers} (their ids), {@code primaries},
 * {@code backups}, {@code unprotected}, {@code brokerConnected}, {@code mode}. No adapter: DOWN with the reason.
 */
@Readiness
@ApplicationScoped
public class UnderstudyReadiness implements HealthCheck {
    static final String NAME = "understudy";

    private StatusCache cache;

    /** For CDI proxies only. */
    protected UnderstudyReadiness() {
    }

    @Inject
    public UnderstudyReadiness(StatusCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        return verdict(cache.current());
    }

    static HealthCheckResponse verdict(Snapshot snapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!snapshot.available()) {
            data.put("reason", snapshot.problem());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        NodeStatus s = snapshot.status();
        data.put("node", s.self().nodeId());
        data.put("reason", s.readinessReason());
        data.put("members", (long) s.members().size());
        data.put("peers", s.members().stream().map(NodeStatus.Member::nodeId).collect(Collectors.joining(",")));
        data.put("primaries", (long) s.self().primaries());
        data.put("backups", (long) s.self().backups());
        data.put("unprotected", (long) s.unprotected());
        data.put("brokerConnected", s.brokerConnected());
        if (s.settings() != null) {
            data.put("mode", s.settings().mode().name());
        }
        return new HealthCheckResponse(NAME, s.ready() ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
