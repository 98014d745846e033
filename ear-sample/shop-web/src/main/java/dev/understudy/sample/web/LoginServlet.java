package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;

/**
 * {@code POST /api/login}: what a login does against session fixation, {@code changeSessionId()} (atomically on
 * both copies). Answers the new id as {@code session} and the old one as {@code previous}; the attributes stay.
 */
@WebServlet("/api/login")
public class LoginServlet extends ShopServlet {

    public LoginServlet() {
        this(NODES);
    }

    LoginServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("POST", this::login);
    }

    private Outcome login(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String previous = session.getId();
        String changed = request.changeSessionId();
        return Outcome.of(changed, "previous", previous);
    }
}
