package dev.understudy.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.route.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client model against three engines killed at random, while requests are in flight, with no leave message,
 * and restarted. Each session holds a counter; its client remembers the last value acknowledged to it and the
 * route, and sends each request where a load balancer would: the primary if it is up, else the secondary,
 * else any node. Client threads own disjoint sessions (a session's requests are sequential, as a browser's
 * are). In SYNC mode nothing acknowledged may be lost, no session may be lost, and no version may go back. A
 * request that fails in flight is indeterminate: the next read may show the old or the new value, nothing
 * else.
 */
public abstract class RandomizedFailoverTests extends EngineClusterSupport {
    private static final String[] NODES = {"n1", "n2", "n3"};
    private static final int CLIENT_THREADS = 4;

    /** What the client knows of one session. */
    private static final class Client {
        final SessionKey key;
        int acked;
        boolean indeterminate;
        NodeId primary;
        NodeId secondary;
        Stamp stamp;

        Client(SessionKey key, SessionSnapshot s) {
            this.key = key;
            this.primary = s.primary();
            this.secondary = s.secondary();
            this.stamp = s.stamp();
        }
    }

    /** Tallies, printed at the end and asserted. */
    private static final class Tally {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failovers = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger lostUpdates = new AtomicInteger();
        final AtomicInteger sessionsLost = new AtomicInteger();
        final AtomicInteger versionsBack = new AtomicInteger();
        final AtomicInteger indeterminate = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final List<String> firstErrors = new ArrayList<>();
        int kills;
        int restarts;

        synchronized void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }
    }

    protected int sessions() {
        return 200;
    }

    /** How many crashes (each followed by re-protection and a restart) the run goes through. */
    protected int kills() {
        return 6;
    }

    @Test
    void syncModeLosesNothingAcrossRandomCrashesAndRestarts() throws Exception {
        long seed = Long.getLong("understudy.seed", System.nanoTime());
        Random rnd = new Random(seed);
        startAll(NODES);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < sessions(); i++) {
            SessionKey key = key("r" + i);
            clients.add(new Client(key, node(NODES[i % NODES.length]).create(key, newSession(0))));
        }
        Tally t = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENT_THREADS; c++) {
            int thread = c;
            Random own = new Random(seed + c);
            running.add(pool.submit(() -> {
                List<Client> mine = clients.stream()
                        .filter(x -> clients.indexOf(x) % CLIENT_THREADS == thread).toList();
                while (!done.get()) {
                    request(mine.get(own.nextInt(mine.size())), own, t);
                }
                return null;
            }));
        }
        try {
            chaos(rnd, t, running);
            awaitRequests(t, t.requests.get() + 300, running);
            done.set(true);
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("randomized failover (seed %d): %d sessions, %d client threads, %d requests, %d ok, "
                + "%d failovers, %d kills, %d restarts; lost acknowledged updates %d, sessions lost %d, versions "
                + "back %d, indeterminate %d, retried %d, errors %d %s%n", seed, sessions(), CLIENT_THREADS,
                t.requests.get(), t.ok.get(), t.failovers.get(), t.kills, t.restarts, t.lostUpdates.get(),
                t.sessionsLost.get(), t.versionsBack.get(), t.indeterminate.get(), t.retried.get(), t.errors.get(),
                t.firstErrors);
        assertThat(t.kills).isEqualTo(kills());
        assertThat(t.failovers.get()).isPositive();
        assertThat(t.lostUpdates.get()).as("acknowledged increments lost").isZero();
        assertThat(t.sessionsLost.get()).as("sessions lost").isZero();
        assertThat(t.versionsBack.get()).as("versions that went back").isZero();
        assertThat(t.errors.get()).as("errors " + t.firstErrors).isZero();
    }

    /** Kills a random node while the clients run, waits for re-protection, restarts it; {@link #kills()} times. */
    private void chaos(Random rnd, Tally t, List<Future<?>> clients) {
        for (int k = 0; k < kills(); k++) {
            awaitRequests(t, t.requests.get() + 100 + rnd.nextInt(250), clients);
            String victim = NODES[rnd.nextInt(NODES.length)];
            kill(victim);
            t.kills++;
            awaitRequests(t, t.requests.get() + 50 + rnd.nextInt(100), clients);
            awaitReprotected(victim);
            start(victim);
            awaitMembership();
            t.restarts++;
        }
    }

    /** Waits until the clients made {@code count} requests in all (or one of them failed). */
    private static void awaitRequests(Tally t, int count, List<Future<?>> clients) {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> t.requests.get() >= count || clients.stream().anyMatch(Future::isDone));
    }

    private void request(Client c, Random rnd, Tally t) {
        t.requests.incrementAndGet();
        ReplicationEngine target = route(c, rnd);
        Route hint = new Route(c.key.id(), c.primary, c.secondary, c.stamp.epoch());
        Optional<SessionSnapshot> opened;
        try {
            opened = target.open(c.key, hint);
        } catch (RuntimeException e) {
            t.retried.incrementAndGet();
            return;
        }
        if (opened.isEmpty()) {
            t.sessionsLost.incrementAndGet();
            StringBuilder where = new StringBuilder();
            engines.forEach((id, e) -> where.append(id).append('=').append(e.peek(c.key)).append(' '));
            t.error("session lost: " + c.key + " opened on " + target.node().id() + " with " + hint + "; copies: "
                    + where);
            return;
        }
        SessionSnapshot s = opened.get();
        int seen = counterOf(s.data());
        if (seen < c.acked) {
            t.lostUpdates.incrementAndGet();
            t.error("lost: " + c.key + " showed " + seen + " after " + c.acked + " was acknowledged");
        } else if (seen > c.acked + (c.indeterminate ? 1 : 0)) {
            t.error("counter " + seen + " ahead of acknowledged " + c.acked + " for " + c.key);
        }
        if (s.stamp().compareTo(c.stamp) < 0) {
            t.versionsBack.incrementAndGet();
        }
        if (!s.primary().equals(c.primary)) {
            t.failovers.incrementAndGet();
        }
        c.acked = seen;
        c.indeterminate = false;
        c.stamp = s.stamp();
        try {
            CommitResult result = target.commit(c.key, setCounter(seen + 1));
            c.acked = seen + 1;
            c.primary = result.primary();
            c.secondary = result.secondary();
            c.stamp = result.stamp();
            t.ok.incrementAndGet();
        } catch (RuntimeException e) {
            c.indeterminate = true;
            t.indeterminate.incrementAndGet();
        }
    }

    /** Where a load balancer sends the request: the primary if up, else the secondary, else any live node. */
    private ReplicationEngine route(Client c, Random rnd) {
        ReplicationEngine primary = c.primary == null ? null : engines.get(c.primary.value());
        if (primary != null) {
            return primary;
        }
        ReplicationEngine secondary = c.secondary == null ? null : engines.get(c.secondary.value());
        if (secondary != null) {
            return secondary;
        }
        List<ReplicationEngine> live = new ArrayList<>(engines.values());
        return live.get(rnd.nextInt(live.size()));
    }

    /** Before the next failure: the dead node is known dead everywhere and every session has a secondary. */
    private void awaitReprotected(String dead) {
        awaitDeclaredDead(dead);
        await().atMost(WAIT).until(() -> engines.values().stream().allMatch(e -> e.status().unprotected() == 0));
    }
}
