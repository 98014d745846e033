package dev.understudy.sample.web;

import dev.understudy.api.SessionStatus;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;

/**
 * {@code POST /api/invalidate}: invalidates the session, here and on its secondary (the filter also ends the
 * container's session, and with it the session-scoped beans). Answers the old id as {@code invalidated};
 * {@code session} and the route fields are {@code null}.
 */
@WebServlet("/api/invalidate")
public class InvalidateServlet extends ShopServlet {

    public InvalidateServlet() {
        this(NODES);
    }

    InvalidateServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("POST", this::invalidate);
    }

    private Outcome invalidate(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object standing = request.getAttribute(SessionStatus.ATTRIBUTE);
        String node = standing instanceof SessionStatus status ? status.node() : null;
        String id = session.getId();
        session.invalidate();
        return Outcome.of(null, "invalidated", id).servedBy(node);
    }
}
