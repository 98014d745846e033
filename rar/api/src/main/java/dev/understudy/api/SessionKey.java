package dev.understudy.api;

import java.util.Objects;

/**
 * A replicated session's identity: its kind, its scope (the application, e.g. the context path) and its id
 * ({@code [A-Za-z0-9_-]{1,128}}).
 */
public record SessionKey(SessionKind kind, String scope, String id) {
    public SessionKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
    }

    public static SessionKey web(String scope, String id) {
        return new SessionKey(SessionKind.WEB, scope, id);
    }

    /** The key of a replicated bean's own session (a bean not kept in an HTTP session). */
    public static SessionKey bean(String scope, String id) {
        return new SessionKey(SessionKind.EJB, scope, id);
    }
}
