package dev.understudy.it.cluster;

import static dev.understudy.demo.cluster.HaproxyConfig.Mode.HASH;
import static dev.understudy.demo.cluster.HaproxyConfig.Mode.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.check.CounterChecker;
import dev.understudy.demo.client.RouteCookie;
import dev.understudy.it.shop.FailoverReport;
import dev.understudy.it.shop.Routes;
import dev.understudy.it.shop.ShopChecker;
import dev.understudy.it.shop.ShopCluster;
import dev.understudy.it.shop.ShopLoad;
import dev.understudy.it.shop.ShopReply;
import dev.understudy.it.shop.ShopSession;
import dev.understudy.it.shop.ShopSession.Kind;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample shop on three Payara Micro nodes in SYNC mode behind HAProxy — route mode (seed Fig. 7) and, on
 * another port in front of the same nodes, hash mode (Fig. 8) — killed under load (ARCHITECTURE §10, issue 5).
 *
 * <p>Every test drives fresh sessions through a balancer only (except where it says so), judges every reply with a
 * {@link ShopChecker} (per session the last acknowledged value: ok at exactly + 1, lost acknowledged update, session
 * lost, error; a request in flight at a failure is indeterminate, and only its session's next reply may then be
 * + 2), and asserts zero lost updates, zero sessions lost and zero errors. The tests share the cluster (boots are
 * the cost): each starts with every node up and seen UP by both balancers, restarting what the previous test
 * killed, and asserts only on its own sessions. Each prints its sessions, kills, requests and the checker's counts
 * and appends them to {@code target/failover-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopFailoverIT {
    private static final int THREADS = 6;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Each load thread's pause between requests while a victim restarts (2 cores: the boot needs CPU). */
    private static final Duration RESTART_PACE = Duration.ofMillis(50);

    @RegisterExtension
    static final ClusterFixture fixture = new ClusterFixture();

    private static ShopCluster cluster;
    private long started;
    private String test;

    @BeforeAll
    static void startCluster() {
        long start = System.nanoTime();
        cluster = ShopCluster.start(fixture, "shop-sync", "SYNC", 3, ROUTE, HASH);
        Timings.record("shop-sync: cluster ready (broker, 3 nodes, 2 balancers)",
                Duration.ofNanos(System.nanoTime() - start));
    }

    @BeforeEach
    void everyNodeUp(TestInfo info) {
        long start = System.nanoTime();
        cluster.ensureAllUp();
        test = "ShopFailoverIT." + info.getTestMethod().orElseThrow().getName();
        Timings.record("shop-sync: every node up before " + info.getTestMethod().orElseThrow().getName(),
                Duration.ofNanos(System.nanoTime() - start));
        started = System.nanoTime();
    }

    /**
     * Issue 5, tests 1 and 8. Through the route-mode balancer, 100 counter sessions, 10 carts (a list grown in place)
     * and 10 replicated beans under think-free load; {@code kill -9} of the node that is primary for the most
     * sessions (from the cookies), three times, a different node each time. After each kill every session
     * continues at exactly + 1 (carts: exactly the acknowledged items plus the new one) and is protected again by a
     * live secondary (the reply's and the cookie's); then the victim is restarted at once, as a supervisor would,
     * and joins under load, and 5 new sessions per node, created straight on the nodes, are acknowledged at once —
     * most of them backed by the node just restarted (the least loaded), whose dead incarnation the broker still
     * holds. At the end every session is read back: exactly what was acknowledged.
     */
    @Test
    @Order(1)
    void routeModeEverySessionContinuesAfterKillNineOfEachNode() {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = mix("route", 100, 10, 10);
        URI lb = cluster.balancer(ROUTE);
        Set<String> victims = new LinkedHashSet<>();
        List<ShopSession> fresh = new ArrayList<>();
        StringBuilder story = new StringBuilder();
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            for (int round = 1; round <= 3; round++) {
                List<String> candidates = new ArrayList<>(cluster.live());
                candidates.removeAll(victims);
                String victim = Routes.mostPrimaries(sessions, candidates);
                Map<String, Integer> primaries = Routes.primaries(sessions);
                victims.add(victim);
                story.append(round == 1 ? "" : ", ").append("kill -9 ").append(victim).append(" (primary of ")
                        .append(primaries.get(victim)).append(" of ").append(primaries).append(")");

                long kill = killNine(checker, victim);
                Map<ShopSession, Integer> mark = load.mark();
                cluster.awaitBalancer(ROUTE, victim, false);
                load.awaitServed(mark, 3, SETTLE);
                awaitProtected(sessions, kill, "after kill -9 of " + victim);
                Timings.record("shop-sync route: every session served and protected again after kill -9 of "
                        + victim, Duration.ofNanos(System.nanoTime() - kill));

                long restart = System.nanoTime();
                load.pace(RESTART_PACE); // the join still happens under load, but leaves the boot some CPU
                cluster.restart(victim);
                load.pace(Duration.ZERO);
                Timings.record("shop-sync route: " + victim + " restarted under load and UP at HAProxy",
                        Duration.ofNanos(System.nanoTime() - restart));
                // the restarted node works at once, though the broker still holds its dead incarnation's
                // connection: new sessions on the others pick it (the least loaded) as their secondary
                fresh.addAll(ShopLoad.createOnEach(nodeUrls(), "fresh-after-" + victim, 5, checker));
                load.awaitServed(load.mark(), 2, SETTLE);
            }
        }
        readAll(lb, sessions, checker);
        long backedByRestarted = fresh.stream().filter(s -> s.last() != null && victims.contains(s.last().secondary())).count();
        report(sessions.size() + fresh.size(), victims.size(), checker, story + "; after each restart 5 new sessions"
                + " per node (" + fresh.size() + "), " + backedByRestarted + " of them backed by the node just restarted");
        assertExact(checker);
        assertThat(victims).hasSize(3);
        assertThat(fresh).allSatisfy(s -> assertThat(s.last().count()).as("%s", s).isEqualTo(2));
    }

    /**
     * Issue 5, test 2. The hash path: 100 counter sessions through the hash-mode balancer (sticky by a hash of the
     * session id, oblivious of the route). After {@code kill -9} of the node that is primary for the most of them,
     * their requests land where the hash sends them now: on the former secondary (which promotes) or on the third
     * node, which must fetch the session from the secondary and take it over ({@code takenOver=true}). Every session
     * continues at exactly + 1.
     */
    @Test
    @Order(2)
    void hashModeSessionsAreFetchedFromTheirSecondaries() {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopLoad.sessions("hash", Kind.COUNTER, 100);
        URI lb = cluster.balancer(HASH);
        String victim;
        List<ShopSession> victimSessions;
        Map<ShopSession, RouteCookie> before = new LinkedHashMap<>();
        int takenOverBefore;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            // the first request creates a session round robin, the second moves it to the node its id hashes to
            load.awaitServed(load.mark(), 4, SETTLE);
            load.pause();
            victim = Routes.mostPrimaries(sessions, cluster.live());
            victimSessions = Routes.withPrimary(sessions, victim);
            victimSessions.forEach(s -> before.put(s, s.route().orElseThrow()));
            takenOverBefore = checker.takenOver();
            load.resume();

            killNine(checker, victim);
            Map<ShopSession, Integer> mark = load.mark();
            cluster.awaitBalancer(HASH, victim, false);
            load.awaitServed(mark, 3, SETTLE);
        }
        readAll(lb, sessions, checker);
        int fetched = checker.takenOver() - takenOverBefore;
        long elsewhere = victimSessions.stream().filter(s -> !s.last().node().equals(before.get(s).secondary()))
                .count();
        report(sessions.size(), 1, checker, "kill -9 " + victim + " (primary of " + victimSessions.size()
                + "); after it " + fetched + " replies took their session over (takenOver=true), " + elsewhere
                + " of the victim's sessions now served by a node other than their former secondary");
        assertExact(checker);
        assertThat(fetched).as("sessions fetched from their secondaries by the node the hash chose").isPositive();
        assertThat(victimSessions).allSatisfy(s -> assertThat(s.last().node()).isNotEqualTo(victim));
    }

    /**
     * Issue 5, test 3. Proactive takeover: 30 sessions created through the route balancer (3 increments each); the
     * node that is primary for the most of them gets {@code kill -9}. Nothing touches those sessions until the
     * former secondaries logged that they declared the victim dead ({@code US-E011}, read from their logs) and the
     * balancer stopped routing to it. Then the first request of each goes to its former secondary, which already
     * promoted it: {@code takenOver=false}, served by the former secondary, a greater epoch, exactly + 1.
     */
    @Test
    @Order(3)
    void theSecondaryPromotesSessionsBeforeTheirNextRequest() {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopLoad.sessions("proactive", Kind.COUNTER, 30);
        URI lb = cluster.balancer(ROUTE);
        for (int i = 0; i < 3; i++) {
            sessions.forEach(s -> ShopLoad.send(lb, s, checker));
        }
        String victim = Routes.mostPrimaries(sessions, cluster.live());
        List<ShopSession> victimSessions = Routes.withPrimary(sessions, victim);
        Map<ShopSession, ShopReply> before = new LinkedHashMap<>();
        victimSessions.forEach(s -> before.put(s, s.last()));
        Set<String> secondaries = new LinkedHashSet<>();
        victimSessions.forEach(s -> secondaries.add(s.route().orElseThrow().secondary()));
        assertThat(secondaries).as("SYNC: every session has a secondary").doesNotContain("").isNotEmpty();
        Map<String, Integer> deathsSeen = new LinkedHashMap<>();
        secondaries.forEach(node -> deathsSeen.put(node, cluster.declaredDead(node, victim)));

        long kill = killNine(checker, victim);
        await("the former secondaries " + secondaries + " declare " + victim + " dead (US-E011 in their logs)")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> secondaries.stream().allMatch(n -> cluster.declaredDead(n, victim) > deathsSeen.get(n)));
        Timings.record("shop-sync: " + victim + " declared dead by " + secondaries + " after kill -9",
                Duration.ofNanos(System.nanoTime() - kill));
        cluster.awaitBalancer(ROUTE, victim, false);

        sessions.forEach(s -> ShopLoad.send(lb, s, checker));
        report(sessions.size(), 1, checker, "kill -9 " + victim + " (primary of " + victimSessions.size()
                + ", secondaries " + secondaries + ")");
        assertExact(checker);
        assertThat(victimSessions).isNotEmpty().allSatisfy(session -> {
            ShopReply old = before.get(session);
            ShopReply first = session.last();
            assertThat(first.node()).as("%s served by its former secondary", session).isEqualTo(old.secondary());
            assertThat(first.takenOver()).as("%s already promoted: no fetch (%s)", session, first).isFalse();
            assertThat(first.epoch()).as("%s promoted at a new epoch", session).isGreaterThan(old.epoch());
            assertThat(first.count()).isEqualTo(old.count() + 1);
        });
    }

    /**
     * Issue 5, test 4. {@code kill -9} of the node that is secondary for the most of 100 sessions under load: no
     * loss, and each of its sessions gets a new secondary, a live third node, named by the cookie after the next
     * request. Then the primary of the most of those sessions is killed too: their new secondaries have them, every
     * count is still exact (one node left, serving unprotected).
     */
    @Test
    @Order(4)
    void killingTheSecondarySeedsANewOneThatThenTakesOver() {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopLoad.sessions("secondary", Kind.COUNTER, 100);
        URI lb = cluster.balancer(ROUTE);
        String victim;
        String primary;
        List<ShopSession> affected;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            load.pause();
            victim = Routes.mostSecondaries(sessions, cluster.live());
            affected = Routes.withSecondary(sessions, victim);
            load.resume();

            long kill = killNine(checker, victim);
            Map<ShopSession, Integer> mark = load.mark();
            load.awaitServed(mark, 3, SETTLE);
            // HAProxy's view settles before the next kill: with two dead servers it has not marked DOWN yet, its
            // three retries may all land on dead ones (503) — the takeover itself is done in a few hundred ms now
            cluster.awaitBalancer(ROUTE, victim, false);
            List<String> live = cluster.live();
            await("a new live secondary for each of the " + affected.size() + " sessions " + victim + " backed")
                    .atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> affected.stream().allMatch(s -> Routes.protectedBy(s, live, kill)));
            assertThat(affected).allSatisfy(s -> {
                RouteCookie route = s.route().orElseThrow();
                assertThat(route.secondary()).as("%s: a third node backs it", s).isNotIn(victim, route.primary(), "");
            });

            load.pause();
            primary = Routes.mostPrimaries(affected, cluster.live());
            load.resume();
            killNine(checker, primary);
            mark = load.mark();
            cluster.awaitBalancer(ROUTE, primary, false);
            load.awaitServed(mark, 3, SETTLE);
        }
        readAll(lb, sessions, checker);
        report(sessions.size(), 2, checker, "kill -9 " + victim + " (secondary of " + affected.size()
                + "), then kill -9 " + primary + " (primary of the most of those)");
        assertExact(checker);
    }

    /**
     * Issue 5, test 5. A graceful stop (SIGTERM: the adapter hands the node's sessions to their secondaries, then
     * Payara stops) of the node that is primary for the most of 100 sessions under load: nothing acknowledged is
     * lost and no session is lost; every session is protected again afterwards. The stop is not invisible: until
     * HAProxy marks the node DOWN, requests still reach it and get the stopping container's 404 (application
     * undeployed), 503 or bare 500 — indeterminate, like requests in flight at a kill, and reported.
     */
    @Test
    @Order(5)
    void aGracefulStopUnderLoadLosesNothing() {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopLoad.sessions("drain", Kind.COUNTER, 100);
        URI lb = cluster.balancer(ROUTE);
        String victim;
        long took;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            victim = Routes.mostPrimaries(sessions, cluster.live());
            long stop = System.nanoTime();
            try (ShopChecker.Window window = checker.stopping("SIGTERM to " + victim)) {
                cluster.stop(victim);
            }
            took = System.nanoTime() - stop;
            Timings.record("shop-sync: graceful stop of " + victim + " under load", Duration.ofNanos(took));
            Map<ShopSession, Integer> mark = load.mark();
            cluster.awaitBalancer(ROUTE, victim, false);
            load.awaitServed(mark, 3, SETTLE);
            awaitProtected(sessions, stop, "after the graceful stop of " + victim);
        }
        readAll(lb, sessions, checker);
        report(sessions.size(), 1, checker, "SIGTERM to " + victim + " (stopped in "
                + Duration.ofNanos(took).toMillis() + " ms)");
        assertExact(checker);
    }

    /**
     * Issue 5, test 6. {@code kill -STOP} of the primary of the most of 60 sessions under load, past the failure
     * timeout: the others declare it dead and serve its sessions (requests through the balancer go on). Then
     * {@code kill -CONT}, and at once the sessions' old cookies (from before the takeover) go straight to the
     * revived node: each reply is the current count + 1 (it fetched the session, or was told) or a clean refusal
     * (the shop's JSON error, not a 500) — never a stale count. The load then goes on through the balancer:
     * nothing acknowledged is lost.
     */
    @Test
    @Order(6)
    void aRevivedPrimaryNeverServesAStaleVersion() {
        // a request stuck at the frozen node may be applied after SIGCONT, when its client has long gone on
        ShopChecker checker = new ShopChecker(CounterChecker.Unanswered.ANY_LATER_REPLY);
        List<ShopSession> sessions = ShopLoad.sessions("paused", Kind.COUNTER, 60);
        URI lb = cluster.balancer(ROUTE);
        String victim;
        Map<ShopSession, String> oldCookies = new LinkedHashMap<>();
        Map<ShopSession, ShopReply> oldReplies = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int plusOne = 0;
        int plusTwo = 0;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            load.pause();
            victim = Routes.mostPrimaries(sessions, cluster.live());
            for (ShopSession session : Routes.withPrimary(sessions, victim)) {
                oldCookies.put(session, session.cookie().orElseThrow());
                oldReplies.put(session, session.last());
            }
            List<String> others = new ArrayList<>(cluster.live());
            others.remove(victim);
            Map<String, Integer> deathsSeen = new LinkedHashMap<>();
            others.forEach(node -> deathsSeen.put(node, cluster.declaredDead(node, victim)));

            long pause = System.nanoTime();
            ShopChecker.Window window = checker.failure("SIGSTOP to " + victim);
            cluster.pause(victim);
            load.resume();
            cluster.awaitBalancer(ROUTE, victim, false);
            window.close(); // from now on no request goes to the paused node
            await("the others declare " + victim + " dead").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> others.stream().anyMatch(n -> cluster.declaredDead(n, victim) > deathsSeen.get(n)));
            Map<ShopSession, Integer> mark = load.mark();
            load.awaitServed(mark, 2, SETTLE, oldCookies::containsKey);
            assertThat(oldCookies.keySet()).allSatisfy(s -> {
                assertThat(s.last().node()).isNotEqualTo(victim);
                assertThat(s.last().epoch()).isGreaterThan(oldReplies.get(s).epoch());
            });
            Timings.record("shop-sync: " + victim + " paused, its sessions served by the others",
                    Duration.ofNanos(System.nanoTime() - pause));

            load.pause(); // requests stuck at the paused node end with the client's timeout
            // fresh connections: the resumed node drops those that were idle through the pause
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();
            cluster.resume(victim);
            URI revived = cluster.node(victim).httpUrl();
            for (Map.Entry<ShopSession, String> old : oldCookies.entrySet()) {
                ShopSession session = old.getKey();
                long sent = System.nanoTime();
                ShopSession.Exchange exchange;
                try {
                    exchange = session.postHolding(fresh, revived, old.getValue());
                } catch (Exception e) {
                    refusals.add(session + ": " + e);
                    continue;
                }
                ShopReply reply = exchange.reply();
                if (reply.served()) {
                    int acknowledged = checker.acknowledged(session);
                    if (reply.count() <= oldReplies.get(session).count() + 1
                            && acknowledged > oldReplies.get(session).count()) {
                        stale.add(session + ": " + reply + " (old count " + oldReplies.get(session).count()
                                + ", acknowledged " + acknowledged + ")");
                    }
                    plusOne += reply.count() == acknowledged + 1 ? 1 : 0;
                    plusTwo += reply.count() == acknowledged + 2 ? 1 : 0;
                    // exactly + 1 (+ 2 if the request stuck at the frozen node was applied meanwhile), or a loss
                    checker.increment(session, null, sent, reply, null);
                    exchange.newCookie().ifPresent(session::holding);
                } else {
                    refusals.add(session + ": " + reply);
                    assertThat(reply.status()).as("a clean refusal: %s", reply).isNotEqualTo(500);
                    assertThat(reply.error()).as("a clean refusal: the shop's JSON error (%s)", reply).isNotNull();
                }
            }
            cluster.awaitBalancer(ROUTE, victim, true);
            load.resume();
            load.awaitServed(load.mark(), 3, SETTLE);
        }
        readAll(lb, sessions, checker);
        report(sessions.size(), 1, checker, "SIGSTOP/SIGCONT " + victim + " (primary of " + oldCookies.size()
                + "); old cookies sent to the revived node at once: " + plusOne + " served at the acknowledged count"
                + " + 1, " + plusTwo + " at + 2 (a request stuck at the frozen node applied after SIGCONT), "
                + stale.size() + " stale, " + refusals.size() + " refused" + (refusals.isEmpty() ? "" : " " + refusals));
        assertThat(stale).as("replies to an old cookie at the old count").isEmpty();
        assertThat(refusals).as("refusals must be clean").noneMatch(r -> r.contains("Exception"));
        assertExact(checker);
    }

    /** Sessions named {@code prefix-counter-i}, {@code -cart-i}, {@code -bean-i}, interleaved across the threads. */
    static List<ShopSession> mix(String prefix, int counters, int carts, int beans) {
        List<ShopSession> sessions = new ArrayList<>(ShopLoad.sessions(prefix + "-counter", Kind.COUNTER, counters));
        List<ShopSession> others = new ArrayList<>(ShopLoad.sessions(prefix + "-cart", Kind.CART, carts));
        others.addAll(ShopLoad.sessions(prefix + "-bean", Kind.BEAN, beans));
        int step = Math.max(1, sessions.size() / Math.max(1, others.size()));
        for (int i = 0; i < others.size(); i++) {
            sessions.add(Math.min(sessions.size(), i * (step + 1)), others.get(i));
        }
        return sessions;
    }

    /** Each node's own URL, by id. */
    private static Map<String, URI> nodeUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String id : cluster.ids()) {
            urls.put(id, cluster.node(id).httpUrl());
        }
        return urls;
    }

    /** {@code kill -9} of {@code victim} inside a failure window; returns when it was sent (nanoTime). */
    private static long killNine(ShopChecker checker, String victim) {
        long kill = System.nanoTime();
        try (ShopChecker.Window window = checker.failure("kill -9 " + victim)) {
            cluster.kill9(victim);
        }
        return kill;
    }

    /** Waits until every session's last reply, after {@code since}, names a live secondary that acknowledged it. */
    private static void awaitProtected(List<ShopSession> sessions, long since, String when) {
        List<String> live = cluster.live();
        await("every session protected by a live secondary " + when).atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sessions.stream().allMatch(s -> Routes.protectedBy(s, live, since)));
    }

    /** Reads every session back through {@code lb}: exactly what was acknowledged. */
    static void readAll(URI lb, List<ShopSession> sessions, ShopChecker checker) {
        for (ShopSession session : sessions) {
            ShopLoad.read(lb, session, checker);
        }
    }

    private void report(int sessions, int kills, ShopChecker checker, String more) {
        FailoverReport.record(test, sessions, kills, checker, more, Duration.ofNanos(System.nanoTime() - started));
    }

    /** SYNC: nothing acknowledged lost, no session lost, no error outside the failures. */
    static void assertExact(ShopChecker checker) {
        assertThat(checker.lostUpdates()).as("lost acknowledged updates: %s", checker.summary()).isZero();
        assertThat(checker.sessionsLost()).as("sessions lost: %s", checker.summary()).isZero();
        assertThat(checker.errors()).as("errors: %s", checker.summary()).isZero();
    }
}
