package dev.understudy.it.app.beans;

import dev.understudy.ejb.BeanStats;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives the session-scoped beans and answers {@code key=value} lines, with the interceptors' counters
 * ({@code stats.*}) and the node:
 * <ul>
 * <li>{@code POST /api/bean/cart?op=add&item=X}, {@code op=rollback&item=X};
 *     {@code GET ?op=items} — {@code items}, {@code changes}, {@code greeter} (node/instance of the injected
 *     bean);</li>
 * <li>{@code POST /api/bean/notebook} — {@code pages}, {@code pen};</li>
 * <li>{@code POST /api/bean/preferences?key=K&value=V}, {@code GET} — {@code values}, {@code greeter};</li>
 * <li>{@code GET /api/bean/stats} — counters only.</li>
 * </ul>
 * The request's replicated session (the filter's) is touched only through the beans, never here.
 */
@WebServlet(urlPatterns = {BeanServlet.PATH + "/cart", BeanServlet.PATH + "/notebook",
        BeanServlet.PATH + "/preferences", BeanServlet.PATH + "/stats"})
public class BeanServlet extends HttpServlet {
    public static final String PATH = "/api/bean";

    @Inject
    Cart cart;
    @Inject
    Notebook notebook;
    @Inject
    Preferences preferences;
    @Inject
    Greeter greeter;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        String path = request.getServletPath().substring(PATH.length() + 1);
        String op = request.getParameter("op");
        switch (path) {
            case "cart" -> {
                switch (op == null ? "items" : op) {
                    case "add" -> out.put("items", cart.add(request.getParameter("item")));
                    case "rollback" -> out.put("items", cart.addThenRollback(request.getParameter("item")));
                    default -> out.put("items", cart.items());
                }
                out.put("changes", cart.changes());
                out.put("greeter", cart.greeterNode());
            }
            case "notebook" -> {
                out.put("pages", notebook.write());
                out.put("pen", notebook.pen());
            }
            case "preferences" -> {
                String key = request.getParameter("key");
                out.put("values", key == null ? preferences.values()
                        : preferences.set(key, request.getParameter("value")));
                out.put("greeterInjected", preferences.greeterInjected());
            }
            default -> { }
        }
        out.put("node", greeter.node());
        out.put("greeterHere", greeter.node() + "/" + greeter.instance());
        stats(out);
        write(response, out);
    }

    static void stats(Map<String, Object> out) {
        BeanStats s = BeanStats.get();
        out.put("stats.captures", s.getCaptures());
        out.put("stats.unchanged", s.getUnchangedCaptures());
        out.put("stats.fieldsSent", s.getFieldsSent());
        out.put("stats.restores", s.getRestores());
        out.put("stats.notSerializable", s.getNotSerializable());
        out.put("stats.rolledBack", s.getRolledBack());
        out.put("stats.removed", s.getRemoved());
        out.put("stats.unbound", s.getUnbound());
        out.put("stats.refusedHandles", s.getRefusedHandles());
    }

    static void write(HttpServletResponse response, Map<String, Object> out) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        StringBuilder body = new StringBuilder();
        out.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
        response.getWriter().print(body);
    }
}
