package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.admin.StatusCache.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The liveness check {@value #NAME} ({@code /health/live}): UP while the resource adapter is deployed, started and
 * answers — whatever the broker does (a broker outage makes the node not ready, never "dead": restarting it would
 * not bring the broker back). Data: {@code node}, {@code started}, {@code brokerConnected}; the reason when DOWN.
 */
@Liveness
@ApplicationScoped
public class UnderstudyLiveness implements HealthCheck {
    static final String NAME = "understudy-adapter";

    private StatusCache cache;

    /** For CDI proxies only. */
    protected UnderstudyLiveness() {
    }

    @Inject
    public UnderstudyLiveness(StatusCache cache) {
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
        data.put("started", s.started());
        data.put("brokerConnected", s.brokerConnected());
        if (!s.started()) {
            data.put("reason", s.readinessReason());
        }
        return new HealthCheckResponse(NAME, s.started() ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
