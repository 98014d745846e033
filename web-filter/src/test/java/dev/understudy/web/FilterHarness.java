package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;


import dev.understudy.api.SessionRoute;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The filter over the in-memory adapter and fake servlet objects: {@link #request} runs one request through
 * {@code doFilter} with a lambda as the application.
 */
final class FilterHarness {

    /** The application behind the filter. */
    @FunctionalInterface
    interface App {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    /** One finished request. */
    record Exchange(FakeHttp.Request request, FakeHttp.Response response, ServletRequest seenRequest) {
        /** The cookie value the response set, if any ({@code ""} when it cleared the cookie). */
        Optional<String> cookie() {
            List<String> headers = response.setCookies();
            if (headers.isEmpty()) {
                return Optional.empty();
            }
            String last = headers.get(headers.size() - 1);
            return Optional.of(last.substring(last.indexOf('=') + 1, last.indexOf(';')));
        }

        String setCookieHeader() {
            List<String> headers = response.setCookies();
            return headers.isEmpty() ? null : headers.get(headers.size() - 1);
        }
    }

    final InMemoryReplication replication = new InMemoryReplication();
    final Map<String, Object> jndi = new HashMap<>();
    final FakeHttp.Context context = new FakeHttp.Context();
    final Map<String, String> initParameters = new HashMap<>();
    long now = 1_000_000;
    long nanos;
    ReplicatedSessionFilter filter;

    /** What the filter logged (INFO and above) while this harness was open. */
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("dev.understudy.web");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    FilterHarness() {
        jndi.put("java:app/understudy/ReplicationConnectionFactory", replication);
        logger.addHandler(capture);
    }

    /** Stops capturing; every captured line must be fully rendered (a call site passing too few arguments fails). */
    void close() {
        logger.removeHandler(capture);
        assertThat(logged).allSatisfy(r -> assertThat(r.getMessage()).startsWith("US-W0")
                .doesNotContainPattern("\\{\\d+\\}"));
    }

    /** The codes logged so far, in order. */
    List<String> codes() {
        List<String> codes = new ArrayList<>();
        logged.forEach(r -> codes.add(r.getMessage().substring(0, "US-W000".length())));
        return codes;
    }

    FilterHarness start() throws ServletException {
        filter = new ReplicatedSessionFilter(name -> {
            Object bound = jndi.get(name);
            if (bound == null) {
                throw new javax.naming.NameNotFoundException(name);
            }
            return bound;
        }, () -> now, () -> nanos);
        filter.init(FakeHttp.filterConfig(context.proxy(), initParameters));
        return this;
    }

    WebStats stats() {
        return (WebStats) context.attributes.get(WebStats.ATTRIBUTE);
    }

    FakeHttp.Request newRequest(String cookie) {
        FakeHttp.Request request = new FakeHttp.Request(context.contextPath, "/api/counter");
        if (cookie != null) {
            request.cookie("USSESSION", cookie);
        }
        return request;
    }

    /** A request carrying {@code cookie} ({@code null}: none) as the session cookie. */
    Exchange request(String cookie, App app) throws Exception {
        return send(newRequest(cookie), app);
    }

    Exchange send(FakeHttp.Request request, App app) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response(replication.log);
        ServletRequest[] seen = new ServletRequest[1];
        FilterChain chain = (ServletRequest req, ServletResponse res) -> {
            seen[0] = req;
            try {
                app.handle((HttpServletRequest) req, (HttpServletResponse) res);
            } catch (IOException | ServletException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletException(e);
            }
        };
        filter.doFilter(request, response, chain);
        return new Exchange(request, response, seen[0]);
    }

    /** The cookie value for a session stored directly in the adapter. */
    String stored(String id, dev.understudy.api.SessionState state) {
        SessionRoute route = replication.put(context.contextPath, id, state);
        return InMemoryReplication.encode(route);
    }
}
