package dev.understudy.api;

import java.util.Objects;

/**
 * Where a session lives, as its cookie says: its id, primary and secondary ({@code null} while it has none)
 * node ids, and ownership epoch. A hint: the cluster's own records decide.
 */
public record SessionRoute(String sessionId, String primary, String secondary, long epoch) {
    public SessionRoute {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(primary, "primary");
    }
}
