package dev.understudy.web;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionRoute;
import dev.understudy.web.SessionCookie.ClientCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The session cookie of one request (model: Spring Session {@code CookieHttpSessionIdResolver}; Tomcat
 * {@code JvmRouteBinderValve} for the rewrite after a failover): what the client sent, what it holds after the
 * {@code Set-Cookie} headers written so far, and writing them. Not thread-safe: its {@link RequestContext}
 * guards it.
 */
final class CookieExchange {

    private final SessionRuntime runtime;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private ClientCookie requested = ClientCookie.ABSENT;
    private ClientCookie client = ClientCookie.ABSENT;
    private String requestedId;

    /** @param response the container's response: headers go to it directly, never through the wrapper */
    CookieExchange(SessionRuntime runtime, HttpServletRequest request, HttpServletResponse response) {
        this.runtime = runtime;
        this.request = request;
        this.response = response;
    }

    /**
     * Decodes the request's cookie(s) of our name: the first whose route verifies wins. A cookie that names no
     * valid route (garbled, forged) counts as no session: logged ({@code US-W010}), counted, never fetched.
     *
     * @return the route to open, {@code null} if none
     */
    SessionRoute read(Supplier<ReplicationConnection> connection) {
        List<String> values = runtime.cookie().values(request.getCookies());
        if (values.isEmpty()) {
            requested = client = ClientCookie.ABSENT;
            return null;
        }
        ReplicationConnection c = connection.get();
        for (String value : values) {
            Optional<SessionRoute> decoded = c.decodeRoute(value);
            if (decoded.isPresent()) {
                requested = client = ClientCookie.of(decoded.get(), value);
                requestedId = decoded.get().sessionId();
                return decoded.get();
            }
        }
        requested = client = ClientCookie.GARBLED;
        WebLog.W010.logCounted(runtime.logger(), runtime.stats().badCookies.incrementAndGet(), runtime.cookie().name());
        return null;
    }

    /** Continues from an earlier dispatch of the same request. */
    void restore(RequestContext.Carry carry) {
        requested = carry.requested();
        client = carry.client();
        requestedId = carry.requestedId();
    }

    /**
     * Makes the client hold {@code target} ({@code null}: no session, so clear what it holds), if it does not
     * already hold the value {@code encoder} gives for it now (so a route of a previous key is re-issued). Once the response is committed no header can be added: logged ({@code US-W012}) and counted (the
     * cookie is a hint; the cluster's records decide).
     */
    void update(SessionRoute target, Function<SessionRoute, String> encoder) {
        String value = target == null ? null : encoder.apply(target);
        SessionCookie.Action action = SessionCookie.decide(client, target, value);
        if (action == SessionCookie.Action.KEEP) {
            return;
        }
        if (response.isCommitted()) {
            WebLog.W012.logCounted(runtime.logger(), runtime.stats().cookiesNotWritten.incrementAndGet(),
                    target != null ? target.sessionId() : requestedId);
            return;
        }
        boolean secure = request.isSecure();
        if (action == SessionCookie.Action.WRITE) {
            response.addHeader("Set-Cookie", runtime.cookie().setHeader(value, secure));
            client = ClientCookie.of(target, value);
        } else {
            response.addHeader("Set-Cookie", runtime.cookie().clearHeader(secure));
            client = ClientCookie.ABSENT;
        }
    }

    /** The response was reset: its headers are gone, the client holds again only what it sent. */
    void responseReset() {
        client = requested;
    }

    ClientCookie requested() {
        return requested;
    }

    ClientCookie client() {
        return client;
    }

    /** The session id the verified cookie names, else {@code null}. */
    String requestedId() {
        return requestedId;
    }
}
