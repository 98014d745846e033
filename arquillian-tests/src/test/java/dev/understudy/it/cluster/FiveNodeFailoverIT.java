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
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 (c): the sample shop on <b>five</b> Payara Micro nodes in SYNC mode behind HAProxy (route mode). 100
 * counter sessions under load; the secondary choice (least loaded live node, no topology given) spreads them evenly:
 * every node backs between half and twice its fair share. Then {@code kill -9} of the node that is primary for the
 * most: every session continues at exactly + 1 and is protected again. Reports the distribution (as primary and as
 * secondary, before and after the kill) and each node's resident memory.
 */
class FiveNodeFailoverIT {
    private static final int NODES = 5;
    private static final int SESSIONS = 100;
    private static final int THREADS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @RegisterExtension
    static final ClusterFixture fixture = new ClusterFixture();

    @Test
    void fiveNodesSpreadTheBackupsEvenlyAndLoseNothingAtKillNine() {
        long clusterStart = System.nanoTime();
        ShopCluster cluster = ShopCluster.start(fixture, "five", "SYNC", NODES, ROUTE);
        Timings.record("five: cluster ready (broker, 5 nodes, balancer)", Duration.ofNanos(System.nanoTime() - clusterStart));
        long started = System.nanoTime();
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopLoad.sessions("five-counter", ShopSession.Kind.COUNTER, SESSIONS);
        URI lb = cluster.balancer(ROUTE);
        Map<String, Integer> primariesBefore;
        Map<String, Integer> secondariesBefore;
        Map<String, Long> rss = new LinkedHashMap<>();
        String victim;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(cluster, sessions, started, "at the start");
            primariesBefore = Routes.primaries(sessions);
            secondariesBefore = Routes.secondaries(sessions);
            cluster.ids().forEach(id -> rss.put(id, residentMegabytes(cluster.node(id).pid())));

            victim = Routes.mostPrimaries(sessions, cluster.live());
            long kill = System.nanoTime();
            try (ShopChecker.Window window = checker.failure("kill -9 " + victim)) {
                cluster.kill9(victim);
            }
            cluster.awaitBalancer(ROUTE, victim, false);
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(cluster, sessions, kill, "after kill -9 of " + victim);
            Timings.record("five: every session served and protected again after kill -9 of " + victim,
                    Duration.ofNanos(System.nanoTime() - kill));
        }
        ShopFailoverIT.readAll(lb, sessions, checker);
        FailoverReport.record("FiveNodeFailoverIT.fiveNodesSpreadTheBackupsEvenlyAndLoseNothingAtKillNine",
                sessions.size(), 1, checker, "before the kill: primaries " + primariesBefore + ", secondaries "
                        + secondariesBefore + "; RSS MiB " + rss + "; kill -9 " + victim + "; after: primaries "
                        + Routes.primaries(sessions) + ", secondaries " + Routes.secondaries(sessions),
                Duration.ofNanos(System.nanoTime() - started));
        ShopFailoverIT.assertExact(checker);
        int fair = SESSIONS / NODES;
        assertThat(secondariesBefore.keySet()).containsExactlyInAnyOrderElementsOf(cluster.ids());
        assertThat(secondariesBefore.values()).as("sessions backed per node: %s", secondariesBefore)
                .allSatisfy(n -> assertThat(n).isBetween(fair / 2, fair * 2));
    }

    /** VmRSS of process {@code pid} in MiB, or -1 if it cannot be read. */
    private static long residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void awaitProtected(ShopCluster cluster, List<ShopSession> sessions, long since, String when) {
        List<String> live = cluster.live();
        await("every session protected by a live secondary " + when).atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sessions.stream().allMatch(s -> Routes.protectedBy(s, live, since)));
    }
}
