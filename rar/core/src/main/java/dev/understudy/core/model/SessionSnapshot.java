package dev.understudy.core.model;

import java.util.Objects;

/**
 * A session as served: its key, stamp, route (primary and secondary; secondary {@code null} while
 * unprotected) and state.
 */
public record SessionSnapshot(SessionKey key, Stamp stamp, NodeId primary, NodeId secondary, SessionData data) {
    public SessionSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(data, "data");
    }
}
