package dev.understudy.ejb.client;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a replicated bean lives, as a Java client holds it (seed ¶56-58, ¶66): its route as the server
 * encoded it — {@code <sessionId>.<primary>._<sum>.<epoch>.<mac>}, the pair of servers as one summed number,
 * MAC-protected, sent back with every call — and, for the client's own failover, the secondary's id.
 *
 * <p>String form (the {@code X-Understudy-Bean} header): {@code <route>;<secondary>} ({@code secondary} empty
 * while the bean has none). Plain Java: usable by clients that have no Jakarta EE on their class path.
 */
public final class BeanHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The header (or call attachment) a handle travels in. */
    public static final String HEADER = "X-Understudy-Bean";
    private static final Pattern NODE = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9_-]{1,128}\\.[a-z0-9-]{1,32}\\._[0-9]{1,20}"
            + "\\.[0-9]{1,18}\\.[A-Za-z0-9_-]{26}");

    private final String route;
    private final String secondary;

    private BeanHandle(String route, String secondary) {
        this.route = route;
        this.secondary = secondary;
    }

    /** A handle from its parts; {@code secondary} may be {@code null}. */
    public static BeanHandle of(String route, String secondary) {
        return parse(route + ";" + (secondary == null ? "" : secondary));
    }

    /**
     * Reads the string form.
     *
     * @throws IllegalArgumentException the value is not a handle (garbled); the message says which part
     */
    public static BeanHandle parse(String value) {
        if (value == null || value.length() > 300) {
            throw new IllegalArgumentException("Not an Understudy bean handle: " + abbreviate(value));
        }
        int semi = value.indexOf(';');
        String route = semi < 0 ? value : value.substring(0, semi);
        String secondary = semi < 0 ? "" : value.substring(semi + 1);
        if (!ROUTE.matcher(route).matches()) {
            throw new IllegalArgumentException("Not an Understudy bean handle (route part garbled): "
                    + abbreviate(value));
        }
        if (!secondary.isEmpty() && !NODE.matcher(secondary).matches()) {
            throw new IllegalArgumentException("Not an Understudy bean handle (secondary part garbled): "
                    + abbreviate(value));
        }
        return new BeanHandle(route, secondary);
    }

    /** The route as the server encoded it (what the server verifies). */
    public String route() {
        return route;
    }

    /** The bean's session id. */
    public String sessionId() {
        return route.substring(0, route.indexOf('.'));
    }

    /** The server that serves the bean. */
    public String primary() {
        String[] parts = route.split("\\.");
        return parts[1];
    }

    /** The server holding its copy, if any. */
    public Optional<String> secondary() {
        return secondary.isEmpty() ? Optional.empty() : Optional.of(secondary);
    }

    @Override
    public String toString() {
        return route + ";" + secondary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeanHandle h && h.route.equals(route) && h.secondary.equals(secondary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, secondary);
    }

    private static String abbreviate(String value) {
        return value == null ? "null" : value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
