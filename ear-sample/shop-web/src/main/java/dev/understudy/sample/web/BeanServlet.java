package dev.understudy.sample.web;

import dev.understudy.sample.ejb.BeanCounter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;

/**
 * {@code POST /api/bean}: increments the user's session-scoped {@code @Stateful} {@link BeanCounter}, replicated by
 * the interceptor inside the replicated session; {@code GET}: reads it. Both answer {@code beanCount}. The session
 * is created first, so that the bean's state has a replicated session to live in.
 */
@WebServlet("/api/bean")
public class BeanServlet extends ShopServlet {
    @Inject
    transient BeanCounter counter;

    public BeanServlet() {
        this(NODES, null);
    }

    /** For tests: {@code counter} instead of the injected proxy. */
    BeanServlet(NodeName nodes, BeanCounter counter) {
        super(nodes);
        this.counter = counter;
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("GET", this::read, "POST", this::increment);
    }

    private Outcome read(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        return Outcome.of(session.getId(), "beanCount", counter.count());
    }

    private Outcome increment(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        return Outcome.of(session.getId(), "beanCount", counter.increment());
    }
}
