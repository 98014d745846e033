package dev.understudy.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover tests' application: {@code POST /api/counter} increments the Integer session attribute
 * {@code counter} (creating the session), {@code GET} reads it (never creates one: {@code count=0 session=-}
 * without a session). The body says which node answered ({@code understudy.nodeId}) and which session it used:
 * {@code count=3 node=node-a session=<id>}. The session is the filter's (the WAR bundles the filter jar).
 */
@WebServlet(urlPatterns = CounterServlet.PATH)
public class CounterServlet extends HttpServlet {
    /** The servlet's path inside its WAR. */
    public static final String PATH = "/api/counter";
    static final String ATTRIBUTE = "counter";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        Integer counter = (Integer) session.getAttribute(ATTRIBUTE);
        int next = counter == null ? 1 : counter + 1;
        session.setAttribute(ATTRIBUTE, next);
        answer(response, next, session.getId());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            answer(response, 0, "-");
            return;
        }
        Integer counter = (Integer) session.getAttribute(ATTRIBUTE);
        answer(response, counter == null ? 0 : counter, session.getId());
    }

    private static void answer(HttpServletResponse response, int count, String sessionId) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(new Reply(count, System.getProperty("understudy.nodeId", "-"), sessionId));
    }

    /** The body, parsed: what the tests compare. */
    public record Reply(int count, String node, String session) {
        private static final Pattern BODY = Pattern.compile("count=(-?\\d+) node=(\\S+) session=(\\S+)");

        public static Reply parse(String body) {
            Matcher matcher = BODY.matcher(body.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Not a counter reply: " + body);
            }
            return new Reply(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3));
        }

        @Override
        public String toString() {
            return "count=" + count + " node=" + node + " session=" + session;
        }
    }
}
