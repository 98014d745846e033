package dev.understudy.it.app.session;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Drives the {@link HttpSession} API from inside Payara, one operation per request, and reports what the
 * application saw as {@code key=value} lines (parsed by the tests with {@code Probe}):
 *
 * <pre>
 * GET  /session/info                          describe getSession(false)
 * POST /session/create                        getSession(true)
 * POST /session/set?name=N&amp;value=V            setAttribute(N, V) (a String)
 * POST /session/set-null?name=N               setAttribute(N, null)
 * POST /session/remove?name=N                 removeAttribute(N)
 * POST /session/max-inactive?seconds=S        setMaxInactiveInterval(S)
 * POST /session/invalidate[?recreate=true]    invalidate(), then every method on the invalid handle
 * POST /session/change-id                     request.changeSessionId()
 * POST /session/list-add?value=V              the List "list": created by setAttribute, later changed in place only
 * POST /session/bind?name=N&amp;label=L           setAttribute(N, new BoundValue(L))
 * POST /session/not-serializable?name=N[&amp;deep=true]  setAttribute(N, a value that cannot be serialized)
 * GET  /session/events?id=I                   the events EventLog holds for session I
 * </pre>
 *
 * The description: {@code exists}, {@code id}, {@code isNew}, {@code creationTime}, {@code lastAccessedTime},
 * {@code maxInactiveInterval}, {@code names} (sorted), {@code attr.<name>} ({@code String.valueOf}),
 * {@code requestedId}, {@code requestedValid}, {@code sessionClass}.
 */
@WebServlet(urlPatterns = SessionProbeServlet.PATH + "/*")
public class SessionProbeServlet extends HttpServlet {
    public static final String PATH = "/session";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String op = op(request);
        switch (op) {
            case "info" -> describe(request, request.getSession(false), out);
            case "events" -> {
                List<String> events = EventLog.of(request.getParameter("id"));
                out.put("count", events.size());
                for (int i = 0; i < events.size(); i++) {
                    out.put("event." + i, events.get(i));
                }
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "GET " + op);
                return;
            }
        }
        answer(response, out);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String op = op(request);
        String name = request.getParameter("name");
        switch (op) {
            case "create" -> request.getSession(true);
            case "set" -> request.getSession().setAttribute(name, request.getParameter("value"));
            case "set-null" -> request.getSession().setAttribute(name, null);
            case "remove" -> request.getSession().removeAttribute(name);
            case "max-inactive" -> request.getSession().setMaxInactiveInterval(
                    Integer.parseInt(request.getParameter("seconds")));
            case "invalidate" -> {
                HttpSession session = request.getSession(false);
                if (session == null) {
                    out.put("invalidated", "no session");
                    break;
                }
                session.invalidate();
                out.put("invalidatedId", session.getId());
                afterInvalidate(session, out);
                out.put("after.getSession(false)", String.valueOf(request.getSession(false)));
                if (Boolean.parseBoolean(request.getParameter("recreate"))) {
                    request.getSession(true);
                }
            }
            case "change-id" -> {
                String before = request.getSession(false) == null ? "-" : request.getSession(false).getId();
                out.put("oldId", before);
                try {
                    out.put("newId", request.changeSessionId());
                } catch (IllegalStateException e) {
                    out.put("newId", "IllegalStateException");
                }
            }
            case "list-add" -> {
                HttpSession session = request.getSession();
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) session.getAttribute("list");
                if (list == null) {
                    session.setAttribute("list", new ArrayList<>(List.of(request.getParameter("value"))));
                } else {
                    list.add(request.getParameter("value")); // no setAttribute: the filter must notice by itself
                }
            }
            case "bind" -> request.getSession().setAttribute(name, new BoundValue(request.getParameter("label")));
            case "not-serializable" -> {
                HttpSession session = request.getSession();
                Object value = Boolean.parseBoolean(request.getParameter("deep"))
                        ? new SerializableHolder(new NotSerializable()) : new NotSerializable();
                try {
                    session.setAttribute(name, value);
                    out.put("refused", "no");
                } catch (IllegalArgumentException e) {
                    out.put("refused", e.getClass().getSimpleName());
                    out.put("message", e.getMessage());
                }
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "POST " + op);
                return;
            }
        }
        describe(request, request.getSession(false), out);
        answer(response, out);
    }

    /** Every method of an invalidated session: the exception's simple name, or {@code ok}. */
    private static void afterInvalidate(HttpSession session, Map<String, Object> out) {
        Map<String, Callable<?>> calls = new LinkedHashMap<>();
        calls.put("getAttribute", () -> session.getAttribute("x"));
        calls.put("getAttributeNames", session::getAttributeNames);
        calls.put("setAttribute", () -> {
            session.setAttribute("x", "y");
            return null;
        });
        calls.put("removeAttribute", () -> {
            session.removeAttribute("x");
            return null;
        });
        calls.put("getCreationTime", session::getCreationTime);
        calls.put("getLastAccessedTime", session::getLastAccessedTime);
        calls.put("isNew", session::isNew);
        calls.put("invalidate", () -> {
            session.invalidate();
            return null;
        });
        calls.put("getId", session::getId);
        calls.put("getMaxInactiveInterval", session::getMaxInactiveInterval);
        calls.put("getServletContext", session::getServletContext);
        calls.forEach((method, call) -> {
            try {
                call.call();
                out.put("after." + method, "ok");
            } catch (Exception e) {
                out.put("after." + method, e.getClass().getSimpleName());
            }
        });
    }

    private static void describe(HttpServletRequest request, HttpSession session, Map<String, Object> out) {
        out.put("requestedId", String.valueOf(request.getRequestedSessionId()));
        out.put("requestedValid", request.isRequestedSessionIdValid());
        if (session == null) {
            out.put("exists", false);
            return;
        }
        out.put("exists", true);
        out.put("sessionClass", session.getClass().getName());
        out.put("id", session.getId());
        out.put("isNew", session.isNew());
        out.put("creationTime", session.getCreationTime());
        out.put("lastAccessedTime", session.getLastAccessedTime());
        out.put("maxInactiveInterval", session.getMaxInactiveInterval());
        List<String> names = names(session);
        out.put("names", String.join(",", names));
        for (String name : names) {
            out.put("attr." + name, String.valueOf(session.getAttribute(name)));
        }
    }

    /** The attribute names, sorted. */
    static List<String> names(HttpSession session) {
        List<String> names = Collections.list(session.getAttributeNames());
        Collections.sort(names);
        return names;
    }

    private static String op(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? "" : info.substring(1);
    }

    private static void answer(HttpServletResponse response, Map<String, Object> out) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        StringBuilder body = new StringBuilder();
        out.forEach((key, value) -> body.append(key).append('=').append(String.valueOf(value).replace('\n', ' '))
                .append('\n'));
        response.getWriter().print(body);
    }

    /** Not Serializable. */
    static final class NotSerializable {
        @Override
        public String toString() {
            return "NotSerializable";
        }
    }

    /** Serializable itself, but it reaches a value that is not. */
    static final class SerializableHolder implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Object inner;

        SerializableHolder(Object inner) {
            this.inner = inner;
        }

        @Override
        public String toString() {
            return "SerializableHolder(" + inner + ")";
        }
    }
}
