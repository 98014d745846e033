package dev.understudy.sample.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint did, for its reply: the session it used ({@code null} once invalidated), the node that served
 * it when no session status will say so, the endpoint's own fields, and how to take back an in-place change if
 * the replication refuses it at the commit point.
 */
record Outcome(String sessionId, String node, Map<String, Object> fields, Runnable undo) {
    private static final Runnable NOTHING = () -> { };

    /** An outcome with one field of its own. */
    static Outcome of(String sessionId, String field, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, value);
        return new Outcome(sessionId, null, fields, NOTHING);
    }

    /** The same, with another field after the others. */
    Outcome with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(field, value);
        return new Outcome(sessionId, node, more, undo);
    }

    /** The same, served by {@code servingNode}. */
    Outcome servedBy(String servingNode) {
        return new Outcome(sessionId, servingNode, fields, undo);
    }

    /** The same, with {@code action} to take the change back. */
    Outcome undoneBy(Runnable action) {
        return new Outcome(sessionId, node, fields, action);
    }

    /** An error: no session field of its own. */
    static Outcome error(String message) {
        return new Outcome(null, null, Map.of(), NOTHING).with("error", message);
    }
}
