package dev.understudy.benchmarks.http;

import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover cost, measured last (it kills a node): sessions on both replicated applications ({@code /sample} in
 * Understudy SYNC, {@code /hz} on Payara's Hazelcast), each incremented a few times through HAProxy; then
 * {@code kill -9} of node-1, and every session (one thread each) sends its next increment at once, and again until
 * it is served. Per application, for the sessions that node-1 served: the latency of the first request after the
 * kill, the time from the kill until the session was served again, and the outcome — the counter must be exactly
 * the last acknowledged value + 1 (a lower value is an acknowledged update lost; 1 is the session lost).
 *
 * <p>Two paths for Understudy: the <b>load-balancer path</b> — HAProxy sends the request to the secondary (route
 * cookie; for Payara the redispatch of its sticky cookie) — and the <b>fetch path</b>: half of node-1's Understudy
 * sessions send their requests straight to a third node ({@link BenchCluster#startFetchNode}, started before the
 * kill and checked to take a session over), which must fetch each session from its secondary. Payara's Hazelcast
 * sessions are measured on the LB path only (the third node is not in Payara's cluster).
 */
final class Failover {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final Pattern SECONDARY = Pattern.compile("\"secondary\":\"([^\"]*)\"");
    private static final Pattern NODE = Pattern.compile("\"node\":\"([^\"]*)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final int INCREMENTS_BEFORE = 3;

    private final BenchCluster cluster;
    private final int sessions;
    private final Consumer<String> progress;
    private double reapedMillis;

    private final boolean fetchPath;

    /** @param fetchPath also measure the fetch path (starts a third node) */
    Failover(BenchCluster cluster, int sessions, boolean fetchPath, Consumer<String> progress) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.fetchPath = fetchPath;
        this.progress = progress;
    }

    /** How a session's first request after the kill reaches a node that can serve it. */
    enum Route {
        LB("load balancer to the secondary"),
        FETCH("straight to " + BenchCluster.FETCH_NODE_ID + ", which fetches from the secondary");

        final String description;

        Route(String description) {
            this.description = description;
        }
    }

    /** Per application and route: first-request latency and time until served again (ms), sessions of the killed node. */
    record AppOutcome(String label, int sessionsOnKilledNode, double[] firstRequestMillis, double[] servedAgainMillis,
            int exact, int lostUpdates, int sessionsLost, int neverServed, Map<String, Long> firstAnswers) {
    }

    /** @param reapedMillis from SIGKILL until the process was gone */
    record Outcome(String killedNode, double reapedMillis, List<AppOutcome> apps) {
    }

    private static final class Session {
        HttpConnection connection;
        final String contextRoot;
        Route route = Route.LB;
        int count;
        String node;
        double firstMillis = Double.NaN;
        double servedMillis = Double.NaN;
        int after = -1;
        String firstAnswer;

        Session(HttpConnection connection, String contextRoot) {
            this.connection = connection;
            this.contextRoot = contextRoot;
        }
    }

    /**
     * The Payara pass (Understudy SYNC and Payara's Hazelcast, {@code kill -9} of node-1), then, if the WildFly pair
     * runs, the WildFly pass ({@code kill -9} of wf-1): one victim at a time, so that neither competes with the
     * other's recovery for the two cores.
     */
    Outcome run() throws IOException {
        ClusteredMicro victim = cluster.nodes().get(0);
        List<AppOutcome> outcomes = new ArrayList<>(
                pass(victim, List.of(Config.SYNC, Config.PAYARA_HAZELCAST), fetchPath));
        double payaraReaped = reapedMillis;
        String killed = victim.name();
        if (!cluster.wildfly().isEmpty()) {
            WildFlyServer wf = cluster.wildfly().get(0);
            outcomes.addAll(pass(wf, List.of(Config.WILDFLY), false));
            killed += " (Payara pass), then " + wf.name() + " (WildFly pass, gone after "
                    + Math.round(reapedMillis) + " ms)";
        }
        return new Outcome(killed, payaraReaped, outcomes);
    }

    /** Sessions of {@code configs} through HAProxy, then {@code kill -9} of {@code victim}; its sessions' outcomes. */
    private List<AppOutcome> pass(ManagedProcess victim, List<Config> configs, boolean fetch) throws IOException {
        List<Session> all = new ArrayList<>();
        for (Config config : configs) {
            for (int i = 0; i < sessions; i++) {
                Session session = new Session(new HttpConnection(cluster.lbAddress()), config.contextRoot());
                for (int k = 0; k < INCREMENTS_BEFORE; k++) {
                    HttpConnection.Response response = session.connection.send("POST", path(session));
                    if (response.status() != 200) {
                        throw new IllegalStateException("Failover set-up: HTTP " + response.status() + " "
                                + response.body());
                    }
                    session.count = parse(COUNT, response.body()).map(Integer::parseInt).orElseThrow();
                    session.node = parse(NODE, response.body()).orElse("?");
                }
                all.add(session);
            }
        }
        if (fetch) {
            sendHalfToTheFetchNode((ClusteredMicro) victim, all);
        }
        progress.accept("failover: " + all.size() + " sessions; kill -9 of " + victim.name() + " (pid "
                + victim.pid() + ")");
        // every session's thread is ready before the kill; all send at the moment SIGKILL went out
        CountDownLatch go = new CountDownLatch(1);
        long[] killed = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (Session session : all) {
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                retryUntilServed(session, killed[0]);
            }, "failover-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        killed[0] = System.nanoTime();
        ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, by PID
        go.countDown();
        victim.kill9(); // waits until it is gone
        reapedMillis = (System.nanoTime() - killed[0]) / 1e6;
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        all.forEach(s -> s.connection.close());
        List<AppOutcome> outcomes = new ArrayList<>();
        for (Config config : configs) {
            for (Route route : Route.values()) {
                List<Session> those = all.stream().filter(s -> s.contextRoot.equals(config.contextRoot())
                        && s.route == route && victim.name().equals(s.node)).toList();
                if (!those.isEmpty()) {
                    outcomes.add(summarise(config, route, those));
                }
            }
        }
        return outcomes;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void retryUntilServed(Session session, long killed) {
        long deadline = killed + GIVE_UP.toNanos();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            try {
                HttpConnection.Response response = session.connection.send("POST", path(session));
                if (first) {
                    session.firstMillis = (System.nanoTime() - sent) / 1e6;
                    session.firstAnswer = "HTTP " + response.status();
                    first = false;
                }
                if (response.status() == 200) {
                    session.after = parse(COUNT, response.body()).map(Integer::parseInt).orElse(-1);
                    session.servedMillis = (System.nanoTime() - killed) / 1e6;
                    return;
                }
            } catch (IOException e) {
                if (first) {
                    session.firstMillis = (System.nanoTime() - sent) / 1e6;
                    session.firstAnswer = e.getClass().getSimpleName();
                    first = false;
                }
                session.connection.close();
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /**
     * Starts the third node, checks that it takes over a session of {@code victim} (made on it directly, so backed
     * by the other node), then points every other one of the victim's Understudy sessions at it.
     */
    private void sendHalfToTheFetchNode(ClusteredMicro victim, List<Session> all) throws IOException {
        progress.accept("failover: starting " + BenchCluster.FETCH_NODE_ID + " for the fetch path");
        PayaraMicroNode third = cluster.startFetchNode();
        InetSocketAddress address = new InetSocketAddress(Loopback.ADDRESS, third.httpPort());
        Poll.until(third.name() + " takes a session of " + victim.name() + " over", Duration.ofSeconds(60),
                Duration.ofMillis(250), () -> {
                    try (HttpConnection probe = new HttpConnection(BenchCluster.address(victim));
                            HttpConnection taker = new HttpConnection(address)) {
                        probe.send("POST", Config.SYNC.contextRoot() + "/api/counter");
                        taker.cookies().putAll(probe.cookies());
                        String body = taker.send("GET", Config.SYNC.contextRoot() + "/api/counter").body();
                        return body.contains("\"count\":1") && body.contains("\"node\":\"" + third.name() + "\"");
                    }
                });
        int onVictim = 0;
        for (Session session : all) {
            if (!session.contextRoot.equals(Config.SYNC.contextRoot()) || !victim.name().equals(session.node)) {
                continue;
            }
            // only a session backed by the other node makes the third node fetch (it may have been re-paired)
            String backedBy = parse(SECONDARY, session.connection.send("GET", path(session)).body()).orElse("?");
            if (!backedBy.equals(third.name()) && onVictim++ % 2 == 1) {
                HttpConnection direct = new HttpConnection(address);
                direct.cookies().putAll(session.connection.cookies());
                session.connection.close();
                session.connection = direct;
                session.route = Route.FETCH;
            }
        }
    }

    private static AppOutcome summarise(Config config, Route route, List<Session> sessions) {
        double[] first = sessions.stream().mapToDouble(s -> s.firstMillis).filter(d -> !Double.isNaN(d)).toArray();
        double[] served = sessions.stream().mapToDouble(s -> s.servedMillis).filter(d -> !Double.isNaN(d)).toArray();
        int exact = 0;
        int lost = 0;
        int reset = 0;
        int never = 0;
        for (Session s : sessions) {
            if (s.after < 0) {
                never++;
            } else if (s.after == s.count + 1) {
                exact++;
            } else if (s.after == 1) {
                reset++;
            } else if (s.after <= s.count) {
                lost++;
            } else {
                exact++; // count + 2 or more cannot come from this client: counted as served, noted in the report
            }
        }
        Map<String, Long> answers = new TreeMap<>();
        sessions.forEach(s -> answers.merge(String.valueOf(s.firstAnswer), 1L, Long::sum));
        return new AppOutcome(config.label() + ", " + route.description, sessions.size(), percentiles(first), percentiles(served), exact, lost,
                reset, never, answers);
    }

    /** p50, p99, max (NaN when empty). */
    static double[] percentiles(double[] values) {
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] {at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]};
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String path(Session session) {
        return session.contextRoot + "/api/counter";
    }

    private static java.util.Optional<String> parse(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }
}
