package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health}, the readiness probe: 200 {@code {"node": id, "status": "UP"}} when the adapter's
 * connection factory gives a working connection; 503 {@code {"node": ..., "status": "DOWN", "reason": ...}}
 * otherwise (RAR not deployed, resource missing, adapter refused to start, API class loaded twice). Never touches
 * the session. Payara Micro prints "ready" even when a deployment failed: probe this instead.
 */
@WebServlet("/api/health")
public class HealthServlet extends HttpServlet {
    private final transient AdapterProbe probe;
    private final transient NodeName nodes;

    public HealthServlet() {
        this(ShopServlet.PROBE, ShopServlet.NODES);
    }

    HealthServlet(AdapterProbe probe, NodeName nodes) {
        this.probe = probe;
        this.nodes = nodes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            new Replies(nodes).methodNotAllowed(request, response, List.of("GET"));
            return;
        }
        AdapterProbe.Health health = probe.check();
        Map<String, Object> body = new LinkedHashMap<>();
        if (health.up()) {
            nodes.learn(health.node());
            body.put("node", health.node());
            body.put("status", "UP");
        } else {
            body.put("node", System.getProperty("understudy.nodeId"));
            body.put("status", "DOWN");
            body.put("reason", health.reason());
        }
        Replies.sendPlain(response, health.up() ? HttpServletResponse.SC_OK
                : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }
}
