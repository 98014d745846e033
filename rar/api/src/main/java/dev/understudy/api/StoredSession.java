package dev.understudy.api;

import java.util.Objects;

/**
 * A session as this node serves it: key, state, route and stamp.
 *
 * @param arrived true when this node took the session over while opening it (failover): listeners that care
 *                about activation ({@code HttpSessionActivationListener}) are told
 */
public record StoredSession(SessionKey key, SessionState state, SessionRoute route, long version, boolean arrived) {
    public StoredSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(route, "route");
    }
}
