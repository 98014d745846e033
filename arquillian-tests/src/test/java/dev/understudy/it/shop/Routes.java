package dev.understudy.it.shop;

import dev.understudy.demo.client.RouteCookie;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Where sessions stand, read from the cookies their clients hold (what a load balancer sees). */
public final class Routes {
    private Routes() {
    }

    /** How many of {@code sessions} each node is primary for. */
    public static Map<String, Integer> primaries(List<ShopSession> sessions) {
        return tally(sessions, RouteCookie::primary);
    }

    /** How many of {@code sessions} each node is secondary for ({@code ""}: none). */
    public static Map<String, Integer> secondaries(List<ShopSession> sessions) {
        return tally(sessions, RouteCookie::secondary);
    }

    /** The node among {@code candidates} that is primary for the most of {@code sessions}. */
    public static String mostPrimaries(List<ShopSession> sessions, Collection<String> candidates) {
        return most(primaries(sessions), candidates);
    }

    /** The node among {@code candidates} that is secondary for the most of {@code sessions}. */
    public static String mostSecondaries(List<ShopSession> sessions, Collection<String> candidates) {
        return most(secondaries(sessions), candidates);
    }

    /** The sessions whose cookie names {@code node} as primary. */
    public static List<ShopSession> withPrimary(List<ShopSession> sessions, String node) {
        return sessions.stream().filter(s -> s.route().map(r -> r.primary().equals(node)).orElse(false)).toList();
    }

    /** The sessions whose cookie names {@code node} as secondary. */
    public static List<ShopSession> withSecondary(List<ShopSession> sessions, String node) {
        return sessions.stream().filter(s -> s.route().map(r -> r.secondary().equals(node)).orElse(false)).toList();
    }

    /**
     * True if the session is protected by a live node again: its last reply came after {@code since} (nanoTime)
     * with the change acknowledged by a secondary that is live, not the serving node, and the cookie held names the
     * same secondary.
     */
    public static boolean protectedBy(ShopSession session, Collection<String> live, long since) {
        ShopReply last = session.last();
        Optional<RouteCookie> route = session.route();
        return last != null && session.lastServedAt() > since
                && "ACKNOWLEDGED".equals(last.protection())
                && last.secondary() != null && !last.secondary().isEmpty()
                && !last.secondary().equals(last.node()) && live.contains(last.secondary())
                && route.isPresent() && route.get().secondary().equals(last.secondary())
                && route.get().primary().equals(last.node());
    }

    private static Map<String, Integer> tally(List<ShopSession> sessions, Function<RouteCookie, String> field) {
        Map<String, Integer> tally = new TreeMap<>();
        for (ShopSession session : sessions) {
            session.route().ifPresent(route -> tally.merge(field.apply(route), 1, Integer::sum));
        }
        return tally;
    }

    private static String most(Map<String, Integer> tally, Collection<String> candidates) {
        return tally.entrySet().stream().filter(e -> candidates.contains(e.getKey()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("No session names any of " + candidates + ": " + tally));
    }
}
