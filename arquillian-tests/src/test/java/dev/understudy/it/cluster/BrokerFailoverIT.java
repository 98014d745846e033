package dev.understudy.it.cluster;

import static dev.understudy.demo.cluster.HaproxyConfig.Mode.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.demo.cluster.BrokerPair;
import dev.understudy.it.shop.FailoverReport;
import dev.understudy.it.shop.Routes;
import dev.understudy.it.shop.ShopChecker;
import dev.understudy.it.shop.ShopCluster;
import dev.understudy.it.shop.ShopLoad;
import dev.understudy.it.shop.ShopSession;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 (a): the sample shop on three Payara Micro nodes in SYNC mode behind HAProxy (route mode), on a
 * <b>replicated primary/backup pair</b> of Artemis brokers ({@code server-configs/artemis/broker-ha-*.xml}); the
 * nodes' broker URL names both with {@code ha=true}.
 *
 * <p>Under steady load, {@code kill -9} of the active (primary) broker: the backup takes over, every node's core
 * client fails over to it and re-creates its (temporary, never replicated) queues there, and replication resumes —
 * every session is served again with its change acknowledged by a live secondary after the failover. To prove the
 * copies are real, the node that is primary for the most sessions is then killed with {@code kill -9}: every
 * session continues at exactly + 1. The checker asserts zero lost acknowledged updates, zero sessions lost and
 * zero errors, and every session is read back at the end.
 */
class BrokerFailoverIT {
    private static final int THREADS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @RegisterExtension
    static final ClusterFixture fixture = new ClusterFixture();

    @Test
    void killNineOfTheActiveBrokerLosesNothingAndReplicationResumes() {
        long clusterStart = System.nanoTime();
        ShopCluster cluster = ShopCluster.startOnHaPair(fixture, "broker-ha", "SYNC", 3, ROUTE);
        Timings.record("broker-ha: cluster ready (HA broker pair, 3 nodes, balancer)",
                Duration.ofNanos(System.nanoTime() - clusterStart));
        long started = System.nanoTime();
        BrokerPair pair = cluster.pair();
        ShopChecker checker = new ShopChecker();
        List<ShopSession> sessions = ShopFailoverIT.mix("broker-ha", 60, 6, 6);
        URI lb = cluster.balancer(ROUTE);
        Map<String, Long> reconnectsBefore = new LinkedHashMap<>();
        cluster.ids().forEach(id -> reconnectsBefore.put(id, reconnects(cluster, id)));
        String victim;
        Map<String, Integer> primaries;
        try (ShopLoad load = new ShopLoad(lb, checker, sessions, THREADS).start()) {
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(cluster, sessions, started, "before the broker failover");

            long kill = System.nanoTime();
            try (ShopChecker.Window window = checker.failure("kill -9 of the primary broker")) {
                pair.primary().kill9();
                pair.awaitBackupActive(SETTLE);
            }
            Timings.record("broker-ha: backup broker active after kill -9 of the primary",
                    Duration.ofNanos(System.nanoTime() - kill));
            await("every node reconnected to the backup broker").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .until(() -> cluster.ids().stream()
                            .allMatch(id -> reconnects(cluster, id) > reconnectsBefore.get(id)));
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(cluster, sessions, kill, "after the broker failover");
            Timings.record("broker-ha: every session served and protected again after the broker failover",
                    Duration.ofNanos(System.nanoTime() - kill));

            // replication resumed for real: the copies made through the backup broker carry the sessions
            victim = Routes.mostPrimaries(sessions, cluster.live());
            primaries = Routes.primaries(sessions);
            long nodeKill = System.nanoTime();
            try (ShopChecker.Window window = checker.failure("kill -9 " + victim)) {
                cluster.kill9(victim);
            }
            cluster.awaitBalancer(ROUTE, victim, false);
            load.awaitServed(load.mark(), 3, SETTLE);
            awaitProtected(cluster, sessions, nodeKill, "after kill -9 of " + victim);
            Timings.record("broker-ha: every session served and protected again after kill -9 of " + victim,
                    Duration.ofNanos(System.nanoTime() - nodeKill));
        }
        ShopFailoverIT.readAll(lb, sessions, checker);
        Map<String, Integer> unconfirmed = new LinkedHashMap<>();
        cluster.ids().stream().filter(id -> !id.equals(victim))
                .forEach(id -> unconfirmed.put(id, unconfirmedAtTheFailover(cluster, id)));
        FailoverReport.record("BrokerFailoverIT.killNineOfTheActiveBrokerLosesNothingAndReplicationResumes",
                sessions.size(), 2, checker, "kill -9 of the primary broker (backup took over, every node"
                        + " reconnected; frames in flight at the broker kill reported undeliverable by the survivors, US-T204: "
                        + unconfirmed + "), then kill -9 " + victim + " (primary of " + primaries.get(victim) + " of "
                        + primaries + ")", Duration.ofNanos(System.nanoTime() - started));
        ShopFailoverIT.assertExact(checker);
        assertThat(pair.primary().isAlive()).isFalse();
        assertThat(pair.backup().isAlive()).isTrue();
    }

    /**
     * How many times node {@code id}'s current process logged that it (re)connected to the broker: the client's
     * own failover ({@code US-T105}) or a fresh connection ({@code US-T101}).
     */
    private static long reconnects(ShopCluster cluster, String id) {
        return cluster.codedLogLines(id).stream()
                .filter(line -> line.contains("US-T105 ") || line.contains("US-T101 ")).count();
    }

    /** The frames node {@code id} reported unconfirmed when its broker connection failed ({@code US-T204}). */
    private static int unconfirmedAtTheFailover(ShopCluster cluster, String id) {
        Pattern frames = Pattern.compile("US-T204 Node \\S+: (\\d+) frame");
        return cluster.codedLogLines(id).stream().map(frames::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
    }

    private static void awaitProtected(ShopCluster cluster, List<ShopSession> sessions, long since, String when) {
        List<String> live = cluster.live();
        await("every session protected by a live secondary " + when).atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sessions.stream().allMatch(s -> Routes.protectedBy(s, live, since)));
    }
}
