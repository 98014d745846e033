package dev.understudy.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a REST call answers, before JAX-RS turns it into a response: an HTTP status and a JSON body. Kept apart from
 * {@code jakarta.ws.rs.core.Response} so that the rules (which status for what) are tested without a JAX-RS
 * runtime.
 */
record Reply(int status, String json) {
    static final int OK = 200;
    static final int BAD_REQUEST = 400;
    static final int NOT_FOUND = 404;
    static final int UNAVAILABLE = 503;

    static Reply ok(Object body) {
        return new Reply(OK, JsonText.write(body));
    }

    /** {@code {"error": message}} plus {@code more}, in that order. */
    static Reply error(int status, String message, Map<String, ?> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(more);
        return new Reply(status, JsonText.write(body));
    }

    static Reply error(int status, String message) {
        return error(status, message, Map.of());
    }
}
