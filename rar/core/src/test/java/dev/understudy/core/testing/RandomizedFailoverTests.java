package dev.understudy.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.engine.ReplicationTimeoutException;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A client model against three engines killed at random with no leave message, and restarted. Each session
 * holds a counter; the client remembers the last value acknowledged to it and the route, and sends each
 * request where a load balancer would: the primary if it is up, else the secondary, else any node. In SYNC
 * mode nothing acknowledged may be lost, no session may be lost, and no version may go back.
 */
public abstract class RandomizedFailoverTests extends EngineClusterSupport {
    private static final String[] NODES = {"n1", "n2", "n3"};

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
        int requests;
        int ok;
        int failovers;
        int kills;
        int restarts;
        int lostUpdates;
        int sessionsLost;
        int versionsBack;
        int indeterminate;
        int errors;
        final List<String> firstErrors = new ArrayList<>();

        void error(String what) {
            errors++;
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }
    }

    protected int sessions() {
        return 200;
    }

    protected int requests() {
        return 3000;
    }

    @Test
    void syncModeLosesNothingAcrossRandomCrashesAndRestarts() {
        long seed = Long.getLong("understudy.seed", System.nanoTime());
        Random rnd = new Random(seed);
        startAll(NODES);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < sessions(); i++) {
            SessionKey key = key("r" + i);
            clients.add(new Client(key, node(NODES[i % NODES.length]).create(key, newSession(0))));
        }
        Tally t = new Tally();
        String down = null;
        int killAt = 150 + rnd.nextInt(150);
        int restartAt = -1;
        for (int r = 0; r < requests(); r++) {
            if (r == killAt && down == null) {
                down = NODES[rnd.nextInt(NODES.length)];
                kill(down);
                t.kills++;
                restartAt = r + 50 + rnd.nextInt(100);
            } else if (r == restartAt) {
                awaitReprotected(down);
                start(down);
                awaitMembership();
                t.restarts++;
                down = null;
                killAt = r + 100 + rnd.nextInt(200);
            }
            request(clients.get(rnd.nextInt(clients.size())), rnd, t);
        }
        System.out.printf("randomized failover (seed %d): %d sessions, %d requests, %d ok, %d failovers, "
                + "%d kills, %d restarts; lost acknowledged updates %d, sessions lost %d, versions back %d, "
                + "indeterminate %d, errors %d %s%n", seed, sessions(), t.requests, t.ok, t.failovers, t.kills,
                t.restarts, t.lostUpdates, t.sessionsLost, t.versionsBack, t.indeterminate, t.errors, t.firstErrors);
        assertThat(t.kills).isGreaterThanOrEqualTo(3);
        assertThat(t.failovers).isPositive();
        assertThat(t.lostUpdates).as("acknowledged increments lost").isZero();
        assertThat(t.sessionsLost).as("sessions lost").isZero();
        assertThat(t.versionsBack).as("versions that went back").isZero();
        assertThat(t.errors).as("errors " + t.firstErrors).isZero();
    }

    private void request(Client c, Random rnd, Tally t) {
        t.requests++;
        ReplicationEngine target = route(c, rnd);
        Route hint = new Route(c.key.id(), c.primary, c.secondary, c.stamp.epoch());
        Optional<SessionSnapshot> opened;
        try {
            opened = target.open(c.key, hint);
        } catch (RuntimeException e) {
            t.error("open " + c.key + " on " + target.node().id() + ": " + e);
            return;
        }
        if (opened.isEmpty()) {
            t.sessionsLost++;
            StringBuilder where = new StringBuilder();
            engines.forEach((id, e) -> where.append(id).append('=').append(e.peek(c.key)).append(' '));
            t.error("session lost: " + c.key + " opened on " + target.node().id() + " with " + hint + "; copies: "
                    + where);
            return;
        }
        SessionSnapshot s = opened.get();
        int seen = counterOf(s.data());
        if (seen < c.acked) {
            t.lostUpdates++;
        } else if (seen > c.acked + (c.indeterminate ? 1 : 0)) {
            t.error("counter " + seen + " ahead of acknowledged " + c.acked + " for " + c.key);
        }
        if (s.stamp().compareTo(c.stamp) < 0) {
            t.versionsBack++;
        }
        if (!s.primary().equals(c.primary)) {
            t.failovers++;
        }
        try {
            CommitResult result = target.commit(c.key, setCounter(seen + 1));
            c.acked = seen + 1;
            c.indeterminate = false;
            c.primary = result.primary();
            c.secondary = result.secondary();
            c.stamp = result.stamp();
            t.ok++;
        } catch (ReplicationTimeoutException e) {
            c.acked = seen;
            c.indeterminate = true;
            t.indeterminate++;
        } catch (RuntimeException e) {
            c.acked = seen;
            t.error("commit " + c.key + " on " + target.node().id() + ": " + e);
        }
    }

    /** Where a load balancer sends the request: the primary if up, else the secondary, else any live node. */
    private ReplicationEngine route(Client c, Random rnd) {
        if (c.primary != null && engines.containsKey(c.primary.value())) {
            return node(c.primary.value());
        }
        if (c.secondary != null && engines.containsKey(c.secondary.value())) {
            return node(c.secondary.value());
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
