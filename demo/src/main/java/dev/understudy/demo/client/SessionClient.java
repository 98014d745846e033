package dev.understudy.demo.client;

import dev.understudy.demo.process.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One browser, as far as one cookie goes: it sends the session cookie it holds ({@code Cookie: NAME=value}) and
 * applies every {@code Set-Cookie} of that name in the responses (a value replaces it, {@code Max-Age=0} drops
 * it). Manual on purpose: a test moves the cookie between nodes (different ports, same host) and forges it, which
 * a {@code CookieManager} would not allow. Other cookies (e.g. the container's {@code JSESSIONID}) are ignored and
 * never sent, unless {@link #keepingContainerSession()} asks for the container's session cookie. Not thread-safe.
 */
public final class SessionClient {
    /** The filter's default cookie name (web-filter README, {@code cookieName}). */
    public static final String DEFAULT_COOKIE = "USSESSION";
    /** Payara's own session cookie. */
    public static final String CONTAINER_COOKIE = "JSESSIONID";

    private final String cookieName;
    private String cookie;
    /** The container's own session cookie, held only after {@link #keepingContainerSession()}. */
    private boolean keepContainerCookie;
    private String containerCookie;

    public SessionClient() {
        this(DEFAULT_COOKIE);
    }

    public SessionClient(String cookieName) {
        this.cookieName = cookieName;
    }

    /** A response, with the {@code Set-Cookie} values of the session cookie it carried (in order). */
    public record Reply(int status, String body, List<SetCookie> setCookies) {
        /** The last value the response set, empty if it set none (or only cleared it). */
        public Optional<String> newCookie() {
            for (int i = setCookies.size() - 1; i >= 0; i--) {
                if (!setCookies.get(i).clears()) {
                    return Optional.of(setCookies.get(i).value());
                }
            }
            return Optional.empty();
        }

        /** True if the last {@code Set-Cookie} of the session cookie clears it. */
        public boolean clearsCookie() {
            return !setCookies.isEmpty() && setCookies.get(setCookies.size() - 1).clears();
        }
    }

    /** One {@code Set-Cookie} of the session cookie: its value and attributes as sent. */
    public record SetCookie(String value, String header) {
        /** {@code Max-Age=0} (or an empty value): the server asks the client to drop the cookie. */
        public boolean clears() {
            String lower = header.toLowerCase(Locale.ROOT);
            return value.isEmpty() || lower.contains("max-age=0");
        }
    }

    public Reply get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri);
    }

    public Reply post(URI uri) throws IOException, InterruptedException {
        return send("POST", uri);
    }

    /** Sends {@code method uri} with the cookie held, if any, and applies the session cookie's Set-Cookie. */
    public Reply send(String method, URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Http.requestTimeout())
                .method(method, HttpRequest.BodyPublishers.noBody());
        List<String> cookies = new ArrayList<>();
        if (cookie != null) {
            cookies.add(cookieName + "=" + cookie);
        }
        if (keepContainerCookie && containerCookie != null) {
            cookies.add(CONTAINER_COOKIE + "=" + containerCookie);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        HttpResponse<String> response = Http.send(request.build());
        List<SetCookie> setCookies = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            String first = header.split(";", 2)[0].trim();
            int equals = first.indexOf('=');
            if (keepContainerCookie && equals > 0 && first.substring(0, equals).trim().equals(CONTAINER_COOKIE)) {
                containerCookie = unquote(first.substring(equals + 1).trim());
            }
            if (equals > 0 && first.substring(0, equals).trim().equals(cookieName)) {
                String value = unquote(first.substring(equals + 1).trim());
                SetCookie set = new SetCookie(value, header);
                setCookies.add(set);
                cookie = set.clears() ? null : value;
            }
        }
        return new Reply(response.statusCode(), response.body(), List.copyOf(setCookies));
    }

    /**
     * From now on also holds and sends the container's own session cookie ({@code JSESSIONID}), as a browser does:
     * what keeps CDI session-scoped beans (which Weld stores in the container's session) on one node.
     */
    public SessionClient keepingContainerSession() {
        keepContainerCookie = true;
        return this;
    }

    /**
     * Forgets the container's session cookie: the next request gets a new container session, as on a node that
     * never saw the client — its session-scoped beans are new instances, restored from the replicated session.
     */
    public SessionClient dropContainerSession() {
        containerCookie = null;
        return this;
    }

    /** The cookie value held now, if any. */
    public Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    /** The cookie held now; fails if none. */
    public String requireCookie() {
        if (cookie == null) {
            throw new IllegalStateException("The client holds no " + cookieName + " cookie");
        }
        return cookie;
    }

    /** Holds {@code value} from now on ({@code null}: none), e.g. a cookie copied from another client or forged. */
    public SessionClient holding(String value) {
        this.cookie = value;
        return this;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
