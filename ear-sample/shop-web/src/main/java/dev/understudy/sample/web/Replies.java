package dev.understudy.sample.web;

import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionStatus;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the shop's JSON replies (ARCHITECTURE §9): {@code session}, {@code node}, {@code primary},
 * {@code secondary}, {@code epoch}, {@code version}, {@code protection}, {@code takenOver} (this request took the
 * session over from another node), then the endpoint's own fields.
 *
 * <p>The order matters. Status and content type are set, then {@code flushBuffer()} — a commit point of the web
 * filter, which replicates the request's change (in SYNC mode: until the secondary applied it) and renews the
 * {@link SessionStatus} request attribute — and only then is the status read and the body written. So the body
 * reports the version and route the change reached, never an unreplicated one.
 *
 * <p>If replication fails at that commit point (a {@link ReplicationException}: 503; a value above the adapter's
 * limits found at commit, e.g. a list grown in place: 413), the endpoint's in-place change is taken back and the
 * error is written to the container's own response, under the filter's wrapper, and committed there: the filter
 * tries the commit again when the request ends and may fail again, which must not turn the JSON error into the
 * container's 500 page.
 */
final class Replies {
    static final String JSON = "application/json;charset=UTF-8";

    private final NodeName nodes;

    Replies(NodeName nodes) {
        this.nodes = nodes;
    }

    /** Commits the request's change, then answers {@code status} with the session's standing and the outcome. */
    void send(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        start(response, status);
        try {
            response.flushBuffer();
        } catch (RuntimeException e) {
            int refusal = refusalStatus(e);
            HttpServletResponse container = container(response);
            if (refusal < 0 || container.isCommitted()) {
                throw e;
            }
            outcome.undo().run();
            container.resetBuffer();
            start(container, refusal);
            container.getWriter().write(Json.object(body(request, Outcome.error(
                    (refusal == 503 ? "not replicated: " : "refused by the replication limits: ") + e.getMessage()))));
            container.flushBuffer();
            return;
        }
        response.getWriter().write(Json.object(body(request, outcome)));
    }

    /** 405 with an {@code Allow} header. */
    void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, Collection<String> allowed)
            throws IOException {
        String allow = String.join(", ", new TreeSet<>(allowed));
        response.setHeader("Allow", allow);
        send(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                Outcome.error(request.getMethod() + " is not allowed here; allowed: " + allow));
    }

    /** A reply of its own shape (the health probe): no session, no commit point to wait for. */
    static void sendPlain(HttpServletResponse response, int status, Map<String, ?> fields) throws IOException {
        start(response, status);
        response.getWriter().write(Json.object(fields));
    }

    /** The standard fields, from the request's session status, then the outcome's own. */
    Map<String, Object> body(HttpServletRequest request, Outcome outcome) {
        Object attribute = request.getAttribute(SessionStatus.ATTRIBUTE);
        SessionStatus s = attribute instanceof SessionStatus status ? status : null;
        Map<String, Object> body = new LinkedHashMap<>();
        if (s != null) {
            nodes.learn(s.node());
            body.put("session", s.sessionId());
            body.put("node", s.node());
            body.put("primary", s.primary());
            body.put("secondary", s.secondary());
            body.put("epoch", s.epoch());
            body.put("version", s.version());
            body.put("protection", s.protection());
            body.put("takenOver", s.takenOver());
        } else {
            body.put("session", outcome.sessionId());
            body.put("node", outcome.node() != null ? outcome.node() : nodes.get());
            body.put("primary", null);
            body.put("secondary", null);
            body.put("epoch", null);
            body.put("version", null);
            body.put("protection", null);
            body.put("takenOver", false);
        }
        body.putAll(outcome.fields());
        return body;
    }

    /** The {@link ReplicationException} in {@code e}'s causes (an EJB may wrap it), or {@code null}. */
    static ReplicationException replicationCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReplicationException r) {
                return r;
            }
        }
        return null;
    }

    /** 503 for a replication failure, 413 for a refused value, -1 for anything else (not ours to answer). */
    private static int refusalStatus(RuntimeException e) {
        if (replicationCause(e) != null) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        return e instanceof IllegalArgumentException ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : -1;
    }

    private static void start(HttpServletResponse response, int status) {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setHeader("Cache-Control", "no-store");
    }

    /** The container's response under every wrapper (the filter's included). */
    private static HttpServletResponse container(HttpServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper wrapper) {
            r = wrapper.getResponse();
        }
        return (HttpServletResponse) r;
    }
}
