package dev.understudy.it.cluster;

import static dev.understudy.demo.cluster.HaproxyConfig.Mode.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.it.shop.FailoverReport;
import dev.understudy.it.shop.Routes;
import dev.understudy.it.shop.ShopChecker;
import dev.understudy.it.shop.ShopCluster;
import dev.understudy.it.shop.ShopLoad;
import dev.understudy.it.shop.ShopSession;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 (b): rolling restarts of the sample shop on three Payara Micro nodes in SYNC mode behind HAProxy (route
 * mode), under steady load. Every node in turn is taken down and started again (same id and port, a fresh
 * process), and before the next one goes, every session must be served again with its change acknowledged by a
 * live secondary (the reply says {@code protection=ACKNOWLEDGED}, and the cookie names the same pair): the real
 * signal that the cluster is protected again, not a pause.
 *
 * <ul>
 * <li>graceful: SIGTERM, the adapter drains (hands the node's primaries to their secondaries), Payara stops;</li>
 * <li>crash: {@code kill -9}, the secondaries take over.</li>
 * </ul>
 *
 * The checker asserts zero lost acknowledged updates, zero sessions lost and zero errors outside the windows of the
 * stops and kills; every session is read back at the end. Each test appends its counts to
 * {@code target/failover-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartIT {
    private static final int THREADS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Each load thread's pause between requests while a node boots (2 cores: the boot needs CPU). */
    private static final Duration RESTART_PACE = Duration.ofMillis(50);

    @RegisterExtension
    static final ClusterFixture fixture = new ClusterFixture();

    private static ShopCluster cluster;
    private long started;
    private String test;

    @BeforeAll
    static void startCluster() {
        long start = System.nanoTime();
        cluster = ShopCluster.start(fixture, "rolling", "SYNC", 3, ROUTE);
        Timings.record("rolling: cluster ready (broker, 3 nodes, balancer)", Duration.ofNanos(System.nanoTime() - start));
    }

    @BeforeEach
    void everyNodeUp(TestInfo info) {
        cluster.ensureAllUp();
        test = "RollingRestartIT." + info.getTestMethod().orElseThrow().getName();
        started = System.nanoTime();
    }

    /** SIGTERM to each node in turn, restart it, wait until every session is protected again: nothing lost. */
    @Test
    @Order(1)
    void gracefulRollingRestartLosesNoSession() {
        roll("graceful", false);
    }

    /** {@code kill -9} of each node in turn, restart it, wait until every session is protected again: nothing lost. */
    @Test
    @Order(2)
    void killNineRollingRestartLosesNoSessionInSync() {
        roll("kill9", true);
    }

    private void roll(String prefix, boolean crash) {
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopFailoverIT.mix("rolling-" + prefix, 60, 6, 6);
        URI lb = cluster.balancer(ROUTE);
        List<String> story = new ArrayList<>();
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(sessions, started, "at the start");
            for (String id : cluster.ids()) {
                Map<String, Integer> primaries = Routes.primaries(sessions);
                long down = System.nanoTime();
                if (crash) {
                    try (ShopChecker.Window window = checker.failure("kill -9 " + id)) {
                        cluster.kill9(id);
                    }
                } else {
                    try (ShopChecker.Window window = checker.stopping("SIGTERM " + id)) {
                        cluster.stop(id);
                    }
                }
                cluster.awaitBalancer(ROUTE, id, false);
                load.awaitServed(load.mark(), 2, SETTLE);
                awaitProtected(sessions, down, "without " + id);
                long protectedAgain = System.nanoTime() - down;

                load.pace(RESTART_PACE);
                cluster.restart(id);
                load.pace(Duration.ZERO);
                long restarted = System.nanoTime();
                load.awaitServed(load.mark(), 2, SETTLE);
                awaitProtected(sessions, restarted, "after " + id + " is back");
                story.add((crash ? "kill -9 " : "SIGTERM ") + id + " (primary of " + primaries.getOrDefault(id, 0)
                        + " of " + primaries + "; all protected again " + Duration.ofNanos(protectedAgain).toMillis()
                        + " ms later)");
                Timings.record("rolling " + prefix + ": " + id + " down, every session protected, " + id
                        + " back, every session protected", Duration.ofNanos(System.nanoTime() - down));
            }
        }
        ShopFailoverIT.readAll(lb, sessions, checker);
        FailoverReport.record(test, sessions.size(), cluster.ids().size(), checker, String.join(", ", story)
                + "; at the end primaries " + Routes.primaries(sessions) + ", secondaries "
                + Routes.secondaries(sessions), Duration.ofNanos(System.nanoTime() - started));
        ShopFailoverIT.assertExact(checker);
        assertThat(story).hasSize(cluster.ids().size());
    }

    /** Waits until every session's last reply, after {@code since}, names a live secondary that acknowledged it. */
    private static void awaitProtected(List<ShopSession> sessions, long since, String when) {
        List<String> live = cluster.live();
        await("every session protected by a live secondary " + when).atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sessions.stream().allMatch(s -> Routes.protectedBy(s, live, since)));
    }
}
