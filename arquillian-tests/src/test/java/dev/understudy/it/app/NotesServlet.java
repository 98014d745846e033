package dev.understudy.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover tests' second servlet, for what a counter cannot show:
 * <ul>
 *   <li>{@code POST /api/notes?add=X} appends X to the session's List {@code notes} <em>in place</em> — only the
 *       first note is stored with {@code setAttribute} (with an {@link ActivationProbe}); later ones change the list
 *       without telling the session, so they reach the secondary only if the filter notices the change itself;</li>
 *   <li>{@code GET /api/notes} answers {@code notes=[...] activations=N node=ID}: the list (or {@code -} without a
 *       session) and how many times, in this JVM, a session arrived here by takeover with an ActivationProbe in it
 *       ({@code sessionDidActivate}).</li>
 * </ul>
 */
@WebServlet(urlPatterns = NotesServlet.PATH)
public class NotesServlet extends HttpServlet {
    public static final String PATH = "/api/notes";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) session.getAttribute("notes");
        if (notes == null) {
            session.setAttribute("notes", new ArrayList<>(List.of(request.getParameter("add"))));
            session.setAttribute("activation", new ActivationProbe());
        } else {
            notes.add(request.getParameter("add")); // in place: no setAttribute
        }
        doGet(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object notes = session == null ? "-" : session.getAttribute("notes");
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print("notes=" + notes + " activations=" + ActivationProbe.activations() + " node="
                + System.getProperty("understudy.nodeId", "-"));
    }
}
