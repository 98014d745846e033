package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;

/**
 * {@code POST /api/counter}: increments the {@code Integer} session attribute {@code counter} (setAttribute);
 * {@code GET}: reads it (0 if none). Both answer {@code count}.
 */
@WebServlet("/api/counter")
public class CounterServlet extends ShopServlet {
    static final String ATTRIBUTE = "counter";

    public CounterServlet() {
        this(NODES);
    }

    CounterServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("GET", this::read, "POST", this::increment);
    }

    private Outcome read(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        return Outcome.of(session.getId(), "count", current(session));
    }

    private Outcome increment(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        int next = current(session) + 1;
        store(session, ATTRIBUTE, next);
        return Outcome.of(session.getId(), "count", next);
    }

    private static int current(HttpSession session) {
        Integer count = (Integer) session.getAttribute(ATTRIBUTE);
        return count == null ? 0 : count;
    }
}
