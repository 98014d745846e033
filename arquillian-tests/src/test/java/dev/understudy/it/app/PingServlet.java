package dev.understudy.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The trivial servlet of the smoke WARs: {@code GET /ping} answers {@code pong pid=<pid> node=<name>}, so a test
 * can tell which process answered. The node name is the system property {@code understudy.it.node} (set by
 * ItProcesses.node), or {@code -}.
 */
@WebServlet(urlPatterns = PingServlet.PATH)
public class PingServlet extends HttpServlet {
    /** The servlet's path inside its WAR. */
    public static final String PATH = "/ping";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(body(ProcessHandle.current().pid(), System.getProperty("understudy.it.node", "-")));
    }

    /** The body for {@code pid} and {@code node}: what tests compare with. */
    public static String body(long pid, String node) {
        return "pong pid=" + pid + " node=" + node;
    }
}
