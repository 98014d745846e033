package dev.understudy.benchmarks.http;

import java.io.IOException;
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
 * <p>With two nodes the LB path is the one measured: HAProxy sends the request to the secondary (route cookie for
 * Understudy; redispatch of its sticky cookie for Payara). The fetch path (a third node taking the session over
 * from the secondary) needs a third node and is not measured here.
 */
final class Failover {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final Pattern NODE = Pattern.compile("\"node\":\"([^\"]*)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final int INCREMENTS_BEFORE = 3;

    private final BenchCluster cluster;
    private final int sessions;
    private final Consumer<String> progress;
    private double reapedMillis;

    Failover(BenchCluster cluster, int sessions, Consumer<String> progress) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.progress = progress;
    }

    /** Per application: first-request latency and time until served again (ms), sessions of the killed node. */
    record AppOutcome(String label, int sessionsOnKilledNode, double[] firstRequestMillis, double[] servedAgainMillis,
            int exact, int lostUpdates, int sessionsLost, int neverServed, Map<String, Long> firstAnswers) {
    }

    /** @param reapedMillis from SIGKILL until the process was gone */
    record Outcome(String killedNode, double reapedMillis, List<AppOutcome> apps) {
    }

    private static final class Session {
        final HttpConnection connection;
        final String contextRoot;
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

    Outcome run() throws IOException {
        ClusteredMicro victim = cluster.nodes().get(0);
        List<Session> all = new ArrayList<>();
        for (Config config : List.of(Config.SYNC, Config.PAYARA_HAZELCAST)) {
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
        for (Config config : List.of(Config.SYNC, Config.PAYARA_HAZELCAST)) {
            outcomes.add(summarise(config, all.stream().filter(s -> s.contextRoot.equals(config.contextRoot())
                    && victim.name().equals(s.node)).toList()));
        }
        return new Outcome(victim.name(), reapedMillis, outcomes);
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

    private static AppOutcome summarise(Config config, List<Session> sessions) {
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
        return new AppOutcome(config.label(), sessions.size(), percentiles(first), percentiles(served), exact, lost,
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
