package dev.understudy.core.route;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import java.util.Objects;

/**
 * What the session cookie carries: the session id, its primary and secondary ({@code null} while the session
 * has none) and the ownership epoch. A route is a hint for load balancers and for the node that receives the
 * request; the cluster's own records decide who owns what.
 */
public record Route(String sessionId, NodeId primary, NodeId secondary, long epoch) {
    public Route {
        if (!SessionKey.isValidId(sessionId)) {
            throw new IllegalArgumentException("Invalid session id in route");
        }
        Objects.requireNonNull(primary, "primary");
        if (epoch < 0) {
            throw new IllegalArgumentException("Negative epoch in route");
        }
    }
}
