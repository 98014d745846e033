package dev.understudy.web;

import dev.understudy.api.SessionRoute;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The session cookie: its attributes, its {@code Set-Cookie} header, and the decision when to send one.
 *
 * <p>The value is the adapter's route token ({@code ReplicationConnection.encodeRoute}): session id, primary,
 * secondary, epoch and MAC. The filter writes the header itself rather than through {@link Cookie}, so every
 * container renders the same attributes (SameSite included) in the same way.
 *
 * @param domain {@code null}: host-only
 * @param sameSite {@code Strict}, {@code Lax}, {@code None}, or empty for no attribute
 * @param maxAge seconds; negative: until the browser closes
 */
record SessionCookie(String name, String path, String domain, Secure secure, boolean httpOnly, String sameSite,
        int maxAge) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern COOKIE_OCTETS = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");
    private static final Pattern PATH = Pattern.compile("/[\\x20-\\x3A\\x3C-\\x7E]*");
    private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    /** When the cookie carries the Secure attribute. */
    enum Secure {
        ALWAYS, NEVER, AUTO;

        boolean applies(boolean secureRequest) {
            return this == ALWAYS || (this == AUTO && secureRequest);
        }
    }

    /** What a response does about the cookie. */
    enum Action {
        /** The client already holds the right value (or none, and none is needed). */
        KEEP,
        /** Send the current route: the session is new, its route changed, or its id changed. */
        WRITE,
        /** Expire the client's cookie: its session was invalidated, expired, or never existed. */
        CLEAR
    }

    /**
     * What the client holds, as far as this request knows: nothing, a value that names no valid route
     * (garbled, forged, or a MAC of another cluster key), or a route with the exact value that carried it.
     */
    record ClientCookie(boolean present, SessionRoute route, String value) {
        static final ClientCookie ABSENT = new ClientCookie(false, null, null);
        static final ClientCookie GARBLED = new ClientCookie(true, null, null);

        static ClientCookie of(SessionRoute route, String value) {
            return new ClientCookie(true, Objects.requireNonNull(route, "route"), Objects.requireNonNull(value, "value"));
        }
    }

    SessionCookie {
        Objects.requireNonNull(secure, "secure");
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("cookie name " + name + " is not an HTTP token");
        }
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("cookie path " + path + " must start with / and hold no ; or control"
                    + " characters");
        }
        if (domain != null && (domain.isEmpty() || !DOMAIN.matcher(domain).matches())) {
            throw new IllegalArgumentException("cookie domain " + domain + " is not a host name");
        }
        sameSite = sameSite == null ? "" : canonicalSameSite(sameSite);
    }

    private static String canonicalSameSite(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "":
                return "";
            case "strict":
                return "Strict";
            case "lax":
                return "Lax";
            case "none":
                return "None";
            default:
                throw new IllegalArgumentException("cookie SameSite " + value + " is not Strict, Lax, None or empty");
        }
    }

    /**
     * What the response should do, given what the client holds and the route it should hold ({@code null}: none)
     * with the value {@code encodeRoute} gives it now. The client keeps its cookie only if it holds exactly that
     * value: a route signed with a previous key (accepted during a key rotation's grace period) is re-issued
     * with the current key.
     */
    static Action decide(ClientCookie client, SessionRoute target, String targetValue) {
        if (target != null) {
            return target.equals(client.route()) && Objects.equals(targetValue, client.value()) ? Action.KEEP
                    : Action.WRITE;
        }
        return client.present() ? Action.CLEAR : Action.KEEP;
    }

    /** The values of every cookie of this name the request carries, in the order sent (most specific path first). */
    List<String> values(Cookie[] cookies) {
        List<String> values = new ArrayList<>(1);
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie != null && name.equals(cookie.getName()) && cookie.getValue() != null) {
                    values.add(cookie.getValue());
                }
            }
        }
        return values;
    }

    /** The {@code Set-Cookie} header value that gives the client {@code value}. */
    String setHeader(String value, boolean secureRequest) {
        if (value == null || value.isEmpty() || !COOKIE_OCTETS.matcher(value).matches()) {
            throw new IllegalArgumentException("route token is not a valid cookie value");
        }
        StringBuilder header = new StringBuilder(name.length() + value.length() + 64).append(name).append('=')
                .append(value);
        if (maxAge >= 0) {
            header.append("; Max-Age=").append(maxAge);
        }
        return attributes(header, secureRequest);
    }

    /** The {@code Set-Cookie} header value that removes the client's cookie. */
    String clearHeader(boolean secureRequest) {
        StringBuilder header = new StringBuilder(name).append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        return attributes(header, secureRequest);
    }

    private String attributes(StringBuilder header, boolean secureRequest) {
        header.append("; Path=").append(path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (secure.applies(secureRequest)) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (!sameSite.isEmpty()) {
            header.append("; SameSite=").append(sameSite);
        }
        return header.toString();
    }
}
