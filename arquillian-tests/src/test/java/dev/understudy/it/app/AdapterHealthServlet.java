package dev.understudy.it.app;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A readiness probe that needs the whole stack: {@code GET /api/adapter} checks that the web filter initialised
 * (its {@code WebStats} context attribute), looks the adapter's connection factory up ({@value #FACTORY}, bound
 * by the post-boot file), takes a connection and answers {@code 200 node=<id> mode=<mode> brokerConnected=<b>
 * unacknowledged=<n> stats=<filter counters>} (the last two from the adapter's {@code ReplicationAdmin}: whether
 * the node talks to the broker, and how many of its sessions hold a change their secondary has not acknowledged,
 * such as every change made while the broker was away until its resync is acknowledged); {@code 503} with the reason when the filter failed to start, the RAR did not deploy, the resource
 * is missing or the adapter refused to start. Micro prints "ready" and serves the WAR's servlets in all those
 * cases (seen: a filter whose init threw a {@code NoClassDefFoundError} left the servlets answering 200).
 *
 * <p>Uses the API from the RAR: Payara's class loading gives it to the WAR, which must not bundle it.
 */
@WebServlet(urlPatterns = AdapterHealthServlet.PATH)
public class AdapterHealthServlet extends HttpServlet {
    public static final String PATH = "/api/adapter";
    public static final String FACTORY = "understudy/ReplicationConnectionFactory";
    /** Set by the filter's init (web-filter README, "Logs and counters"). */
    static final String FILTER_STATS = "dev.understudy.web.WebStats";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Object stats = getServletContext().getAttribute(FILTER_STATS);
        if (stats == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.getWriter().print("the Understudy filter did not initialise (no " + FILTER_STATS + ")");
            return;
        }
        try {
            ReplicationConnectionFactory factory = (ReplicationConnectionFactory) new InitialContext().lookup(FACTORY);
            try (ReplicationConnection connection = factory.getConnection()) {
                NodeStatus status = factory.admin().orElseThrow().status();
                response.getWriter().print("node=" + connection.nodeId() + " mode=" + connection.mode()
                        + " brokerConnected=" + status.brokerConnected() + " unacknowledged="
                        + status.replication().unacknowledged() + " stats=" + stats);
            }
        } catch (NamingException | RuntimeException | LinkageError e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.getWriter().print("adapter unavailable: " + e);
        }
    }
}
