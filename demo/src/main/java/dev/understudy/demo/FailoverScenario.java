package dev.understudy.demo;

import dev.understudy.demo.check.CounterChecker;
import dev.understudy.demo.check.CounterChecker.Verdict;
import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.client.SampleReply;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.PayaraMicroNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --scenario failover}, through the load balancer only: {@code sessions} clients each create a session and
 * increment its counter {@value #INCREMENTS} times; the node that is primary for the most sessions (read from their
 * cookies) gets {@code kill -9}; every client then increments once more, at once (HAProxy has not yet noticed the
 * death). A {@link CounterChecker} judges every reply; the scenario passes only if every reply was OK — no
 * acknowledged update lost, no session lost, no error.
 */
final class FailoverScenario {
    static final int INCREMENTS = 3;
    private static final int THREADS = 8;
    private static final int SHOWN_PROBLEMS = 10;

    private final DemoCluster cluster;
    private final DemoOptions options;
    private final Console console;
    private final CounterChecker checker = new CounterChecker();

    FailoverScenario(DemoCluster cluster, DemoOptions options, Console console) {
        this.cluster = cluster;
        this.options = options;
        this.console = console;
    }

    /** Runs the story and prints the verdict; true if it passed. */
    boolean run() {
        URI counter = cluster.lbUrl().resolve(DemoCluster.COUNTER_PATH);
        int sessions = options.sessions();
        List<SessionClient> clients = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            clients.add(new SessionClient());
        }
        console.info("Scenario failover (" + options.mode() + ", HAProxy " + options.lbMode().label() + " mode): "
                + sessions + " sessions through " + counter + ", " + INCREMENTS + " increments each");
        long start = System.nanoTime();
        for (int round = 1; round <= INCREMENTS; round++) {
            each(clients, counter, null);
        }
        console.info("Created " + sessions + " sessions in " + StartupMessages.since(start) + ": " + checker.summary());

        Map<String, Integer> primaries = new TreeMap<>();
        Map<String, Integer> secondaries = new TreeMap<>();
        for (SessionClient client : clients) {
            route(client).ifPresent(route -> {
                primaries.merge(route.primary(), 1, Integer::sum);
                secondaries.merge(route.secondary().isEmpty() ? "(none)" : route.secondary(), 1, Integer::sum);
            });
        }
        console.info("Primaries (from the cookies): " + primaries + "; secondaries: " + secondaries);
        if (primaries.isEmpty()) {
            console.info("VERDICT: FAIL: no session has a route cookie; nothing to fail over");
            return false;
        }
        String victimId = primaries.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        PayaraMicroNode victim = cluster.node(victimId);
        console.info("kill -9 " + victimId + " (pid " + victim.pid() + "), primary for " + primaries.get(victimId)
                + " sessions");
        victim.kill9();

        Tally tally = new Tally(victimId);
        start = System.nanoTime();
        each(clients, counter, tally);
        console.info("One more increment per session in " + StartupMessages.since(start) + ": " + tally);

        console.info("Checker: " + checker.summary()
                + (checker.indeterminate() > 0 ? " (" + checker.indeterminate() + " after an unanswered request)" : ""));
        List<String> problems = checker.problems();
        for (String problem : problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size()))) {
            console.info("  " + problem);
        }
        if (problems.size() > SHOWN_PROBLEMS) {
            console.info("  ... and " + (problems.size() - SHOWN_PROBLEMS) + " more");
        }
        boolean passed = checker.allOk();
        if (passed) {
            console.info("VERDICT: PASS: all " + sessions + " sessions continued with exactly +1 after kill -9 of "
                    + victimId + "; nothing acknowledged was lost");
        } else {
            console.info("VERDICT: FAIL: " + checker.count(Verdict.LOST_UPDATE) + " lost acknowledged updates, "
                    + checker.count(Verdict.SESSION_LOST) + " sessions lost, " + checker.count(Verdict.ERROR)
                    + " errors" + (options.mode().equals("SYNC") ? "" : " (" + options.mode()
                    + " replicates after the response: a window of loss is expected and measured here)"));
        }
        return passed;
    }

    /** Where the post-kill replies came from. */
    private static final class Tally {
        private final String victim;
        private final AtomicInteger bySecondary = new AtomicInteger();
        private final AtomicInteger byOther = new AtomicInteger();
        private final AtomicInteger victims = new AtomicInteger();
        private final AtomicInteger unaffected = new AtomicInteger();

        Tally(String victim) {
            this.victim = victim;
        }

        void served(RouteCookie before, String node) {
            if (before == null || node == null) {
                return;
            }
            if (!before.primary().equals(victim)) {
                unaffected.incrementAndGet();
            } else {
                victims.incrementAndGet();
                if (node.equals(before.secondary())) {
                    bySecondary.incrementAndGet();
                } else {
                    byOther.incrementAndGet();
                }
            }
        }

        @Override
        public String toString() {
            return "of the " + victims + " sessions whose primary was " + victim + ", " + bySecondary
                    + " were served by their secondary and " + byOther + " by another node; " + unaffected
                    + " others stayed where they were";
        }
    }

    private void each(List<SessionClient> clients, URI counter, Tally tally) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                SessionClient client = clients.get(i);
                String id = "session-" + (i + 1);
                work.add(pool.submit(() -> increment(id, client, counter, tally)));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("Interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void increment(String id, SessionClient client, URI counter, Tally tally) {
        RouteCookie before = route(client).orElse(null);
        SessionClient.Reply reply;
        try {
            reply = client.post(counter);
        } catch (IOException e) {
            checker.failure(id, true, "POST " + counter + ": " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checker.failure(id, true, "interrupted");
            return;
        }
        SampleReply parsed = null;
        try {
            parsed = SampleReply.parse(reply.body());
        } catch (IllegalArgumentException e) {
            // judged as an error below (no count)
        }
        checker.increment(id, reply.status(), parsed == null ? null : parsed.session(),
                parsed == null ? null : parsed.count());
        if (tally != null && parsed != null) {
            tally.served(before, parsed.node());
        }
    }

    private static Optional<RouteCookie> route(SessionClient client) {
        try {
            return client.cookie().map(RouteCookie::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
