package dev.understudy.it.shop;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.process.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One browser of the failover tests: its own cookie jar ({@link SessionClient}), one kind of state it changes with
 * every request, and what it last saw. A session is driven by one thread at a time (a load thread, or the test's
 * while the load is paused); the fields other threads read are volatile.
 */
public final class ShopSession {
    /** What the session changes with each {@code POST}, and the reply field that shows it. */
    public enum Kind {
        /** {@code POST /sample/api/counter}: an {@code Integer} attribute + 1 ({@code setAttribute}); {@code count}. */
        COUNTER("/sample/api/counter"),
        /** {@code POST /sample/api/cart?item=X}: a list grown <em>in place</em> by X; {@code items}. */
        CART("/sample/api/cart"),
        /** {@code POST /sample/api/bean}: a replicated session-scoped {@code @Stateful} bean + 1; {@code beanCount}. */
        BEAN("/sample/api/bean");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private final String name;
    private final Kind kind;
    private final SessionClient client;
    private int items;
    private volatile ShopReply last;
    private volatile long lastServedAt;
    private volatile int served;
    private volatile String cookie;

    public ShopSession(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
        this.client = new SessionClient();
        if (kind == Kind.BEAN) {
            // as a browser: Weld keeps the bean in the container's session; a node taking over starts a new one
            client.keepingContainerSession();
        }
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The item the next cart request adds: {@code <name>-<n>}, unique per session. */
    String nextItem() {
        return name + "-" + (++items);
    }

    /** {@code POST <base><kind's path>[?item=item]} with the cookie held; the reply as the shop's JSON. */
    ShopReply post(URI base, String item) throws IOException, InterruptedException {
        URI uri = base.resolve(kind.path() + (item == null ? "" : "?item=" + item));
        SessionClient.Reply reply = client.post(uri);
        cookie = client.cookie().orElse(null);
        return ShopReply.parse(reply.status(), reply.body());
    }

    /** {@code GET <base><kind's path>}: reads without changing. */
    ShopReply get(URI base) throws IOException, InterruptedException {
        SessionClient.Reply reply = client.get(base.resolve(kind.path()));
        cookie = client.cookie().orElse(null);
        return ShopReply.parse(reply.status(), reply.body());
    }

    /** Called by the checker with every served (200) reply. */
    void served(ShopReply reply) {
        last = reply;
        lastServedAt = System.nanoTime();
        served++;
    }

    /** The last 200 reply, or {@code null}. */
    public ShopReply last() {
        return last;
    }

    /** How many requests were answered 200 so far. */
    public int served() {
        return served;
    }

    /** When the last 200 reply arrived ({@link System#nanoTime()}), 0 if none. */
    public long lastServedAt() {
        return lastServedAt;
    }

    /** The cookie value held now (as the load balancer sees it), if any. */
    public Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    /** The route the held cookie names, if it holds one. */
    public Optional<RouteCookie> route() {
        try {
            return cookie().map(RouteCookie::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What a request with another cookie got: the reply, and the cookie value it set or cleared. */
    public record Exchange(ShopReply reply, Optional<String> newCookie, boolean clearsCookie) {
    }

    /**
     * {@code POST <base><kind's path>} by a separate client holding {@code cookieValue} (e.g. this session's cookie
     * from before a takeover), as a second browser tab would; this session's own cookie is left alone.
     */
    public Exchange postHolding(URI base, String cookieValue) throws IOException, InterruptedException {
        SessionClient other = new SessionClient().holding(cookieValue);
        SessionClient.Reply reply = other.post(base.resolve(kind.path()));
        return new Exchange(ShopReply.parse(reply.status(), reply.body()), reply.newCookie(), reply.clearsCookie());
    }

    /**
     * As {@link #postHolding(URI, String)}, through {@code http}, e.g. a client with no pooled connections: a node
     * resumed after SIGSTOP closes the keep-alive connections that were idle through the pause as soon as it runs
     * again, and a request sent on one of those gets no answer at all.
     */
    public Exchange postHolding(HttpClient http, URI base, String cookieValue)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(kind.path()))
                .timeout(Http.requestTimeout())
                .POST(HttpRequest.BodyPublishers.noBody());
        if (cookieValue != null) {
            request.header("Cookie", SessionClient.DEFAULT_COOKIE + "=" + cookieValue);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Optional<String> newCookie = Optional.empty();
        boolean clears = false;
        for (String header : response.headers().allValues("Set-Cookie")) {
            String first = header.split(";", 2)[0].trim();
            if (first.startsWith(SessionClient.DEFAULT_COOKIE + "=")) {
                String value = first.substring(SessionClient.DEFAULT_COOKIE.length() + 1);
                clears = value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
                newCookie = clears ? Optional.empty() : Optional.of(value);
            }
        }
        return new Exchange(ShopReply.parse(response.statusCode(), response.body()), newCookie, clears);
    }

    /** Replaces the cookie held (e.g. by the newer route another request with an old cookie obtained). */
    public void holding(String value) {
        client.holding(value);
        cookie = value;
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
