package dev.understudy.sample.web;

import dev.understudy.api.ReplicationException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;

/**
 * One shop endpoint: picks the action for the request's method (405 if none), runs it, and answers through
 * {@link Replies} — 200 with the endpoint's fields, or a JSON error: 400 for bad input, 413 for a value the
 * adapter's limits refuse, 503 when replication fails. Other failures are not the shop's to explain and reach the
 * container.
 */
abstract class ShopServlet extends HttpServlet {
    /** The adapter probe and node name shared by the endpoints the container creates. */
    static final AdapterProbe PROBE = AdapterProbe.jndi();
    static final NodeName NODES = NodeName.of(PROBE);

    /** What an endpoint does for one HTTP method. */
    @FunctionalInterface
    interface Action {
        Outcome run(HttpServletRequest request);
    }

    private final transient Replies replies;

    ShopServlet(NodeName nodes) {
        this.replies = new Replies(nodes);
    }

    /** The endpoint's actions by HTTP method ({@code "GET"}, {@code "POST"}). */
    abstract Map<String, Action> actions();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Action> actions = actions();
        Action action = actions.get(request.getMethod());
        if (action == null) {
            replies.methodNotAllowed(request, response, actions.keySet());
            return;
        }
        int status = HttpServletResponse.SC_OK;
        Outcome outcome;
        try {
            outcome = action.run(request);
        } catch (ShopError e) {
            status = e.status();
            outcome = Outcome.error(e.getMessage());
        } catch (RuntimeException e) {
            ReplicationException cause = Replies.replicationCause(e);
            if (cause == null) {
                throw e;
            }
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            outcome = Outcome.error("replication unavailable: " + cause.getMessage());
        }
        replies.send(request, response, status, outcome);
    }

    /** {@code setAttribute}; the adapter's refusal (a value above its limits) becomes a 413. */
    static void store(HttpSession session, String name, Object value) {
        try {
            session.setAttribute(name, value);
        } catch (IllegalArgumentException e) {
            throw ShopError.tooLarge(e);
        }
    }
}
