package dev.understudy.core.model;

import dev.understudy.api.SessionKind;
import java.util.Objects;

/**
 * Identifies a replicated session: its kind, its scope (the application) and its id. Ids are URL-safe
 * ({@code [A-Za-z0-9_-]{1,128}}), so that they can travel in a cookie next to the route without escaping.
 */
public record SessionKey(SessionKind kind, String scope, String id) {
    private static final int MAX_ID_LENGTH = 128;
    public static final int MAX_SCOPE_LENGTH = 255;

    public SessionKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        if (scope.length() > MAX_SCOPE_LENGTH) {
            throw new IllegalArgumentException("Session scope longer than " + MAX_SCOPE_LENGTH + " characters");
        }
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Invalid session id: expected [A-Za-z0-9_-]{1,128}");
        }
    }

    public static boolean isValidId(String id) {
        // a loop, not a regex: checked on every request
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static SessionKey web(String scope, String id) {
        return new SessionKey(SessionKind.WEB, scope, id);
    }

    /** The same session under another id (after {@code changeSessionId}). */
    public SessionKey withId(String newId) {
        return new SessionKey(kind, scope, newId);
    }

    @Override
    public String toString() {
        return kind + ":" + scope + ":" + id;
    }
}
