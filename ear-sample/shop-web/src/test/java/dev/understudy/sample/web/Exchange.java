package dev.understudy.sample.web;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.SessionStatus;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its response, as small fakes (dynamic proxies answering only what the shop calls), and the part
 * of the web filter the shop relies on: a response wrapper whose commit point ({@code flushBuffer}) raises the
 * session's version by one and renews the {@link SessionStatus} request attribute ({@link #commitPoint},
 * replaceable) before the container's response commits.
 */
final class Exchange {
    final String method;
    final Map<String, String> parameters = new HashMap<>();
    final Map<String, Object> requestAttributes = new HashMap<>();
    FakeSession session;
    int sessionsCreated;
    int getSessionCalls;
    /** Thrown by getSession, as the filter does when the adapter is unavailable. */
    RuntimeException sessionFailure;
    /** The session's version in the "store". */
    long version;
    private int ids;

    int status = 200;
    String contentType;
    final Map<String, String> headers = new HashMap<>();
    boolean committed;
    int statusAtCommit;
    String contentTypeAtCommit;
    final StringWriter body = new StringWriter();
    private final PrintWriter writer = new PrintWriter(body);
    /** What happens before the response commits: the filter's replication. */
    Runnable commitPoint = this::replicate;
    int commitPoints;

    Exchange(String method) {
        this.method = method;
    }

    static Exchange get() {
        return new Exchange("GET");
    }

    static Exchange post() {
        return new Exchange("POST");
    }

    Exchange param(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /** Continues an existing session (as the cookie would), at {@code storedVersion}. */
    Exchange session(FakeSession existing, long storedVersion) {
        session = existing;
        version = storedVersion;
        status(existing.id, storedVersion, null);
        return this;
    }

    Exchange run(Servlet servlet) throws IOException, ServletException {
        servlet.service(request(), new FilterResponse(response()));
        return this;
    }

    String body() {
        writer.flush();
        return body.toString();
    }

    /** The filter's commit point: a new version of a live session, or nothing for an invalidated one. */
    void replicate() {
        if (session != null && session.valid) {
            version++;
            status(session.id, version, CommitReceipt.Protection.ACKNOWLEDGED);
        }
    }

    private void status(String id, long atVersion, CommitReceipt.Protection protection) {
        requestAttributes.put(SessionStatus.ATTRIBUTE,
                new SessionStatus(id, "node-a", "node-a", "node-b", 1, atVersion, protection, false));
    }

    HttpServletRequest request() {
        return Fakes.proxy(HttpServletRequest.class, (p, m, a) -> switch (m.getName()) {
            case "getMethod" -> method;
            case "getParameter" -> parameters.get((String) a[0]);
            case "getSession" -> session(a == null || (Boolean) a[0]);
            case "changeSessionId" -> {
                if (session == null || !session.valid) {
                    throw new IllegalStateException("no session");
                }
                session.id = "s" + ++ids;
                yield session.id;
            }
            case "getAttribute" -> requestAttributes.get((String) a[0]);
            case "setAttribute" -> {
                requestAttributes.put((String) a[0], a[1]);
                yield null;
            }
            case "removeAttribute" -> {
                requestAttributes.remove((String) a[0]);
                yield null;
            }
            default -> throw new UnsupportedOperationException("request." + m.getName());
        });
    }

    HttpServletResponse response() {
        return Fakes.proxy(HttpServletResponse.class, (p, m, a) -> switch (m.getName()) {
            case "setStatus" -> {
                check();
                status = (Integer) a[0];
                yield null;
            }
            case "getStatus" -> status;
            case "setContentType" -> {
                check();
                contentType = (String) a[0];
                yield null;
            }
            case "getContentType" -> contentType;
            case "setHeader" -> {
                check();
                headers.put((String) a[0], (String) a[1]);
                yield null;
            }
            case "getHeader" -> headers.get((String) a[0]);
            case "isCommitted" -> committed;
            case "flushBuffer" -> {
                committed = true;
                yield null;
            }
            case "resetBuffer" -> {
                check();
                body.getBuffer().setLength(0);
                yield null;
            }
            case "getWriter" -> writer;
            default -> throw new UnsupportedOperationException("response." + m.getName());
        });
    }

    /** The web filter's wrapper: its commit point runs before the container's response commits. */
    private final class FilterResponse extends HttpServletResponseWrapper {
        FilterResponse(HttpServletResponse container) {
            super(container);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!committed) {
                statusAtCommit = status;
                contentTypeAtCommit = contentType;
                commitPoints++;
                commitPoint.run();
            }
            super.flushBuffer();
        }
    }

    private FakeSession session(boolean create) {
        getSessionCalls++;
        if (sessionFailure != null) {
            throw sessionFailure;
        }
        if ((session == null || !session.valid) && create) {
            session = new FakeSession("s" + ++ids);
            sessionsCreated++;
        }
        return session != null && session.valid ? session : null;
    }

    private void check() {
        if (committed) {
            throw new IllegalStateException("committed");
        }
    }
}
