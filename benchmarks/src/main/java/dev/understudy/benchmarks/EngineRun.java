package dev.understudy.benchmarks;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.Counter;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.model.Topology;
import dev.understudy.transport.artemis.ArtemisTransport;
import dev.understudy.transport.artemis.ArtemisTransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Two engines (primary and secondary) over the broker; client threads change a 1 KiB attribute of their
 * sessions as fast as the mode lets them. The run ends when the secondary holds the last version of every
 * session: the figure is replicated updates per second, not updates accepted.
 */
final class EngineRun {
    private int run;

    Result run(String url, ReplicationMode mode, int threads, int sessionsPerThread, int updates, int size)
            throws Exception {
        String cluster = "bench-" + ProcessHandle.current().pid() + "-" + (run++);
        ReplicationEngine a = engine(url, cluster, "a", mode);
        ReplicationEngine b = engine(url, cluster, "b", mode);
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            waitFor(() -> a.status().liveMembers().contains(b.node().id()) && a.status().leaseValid()
                    && b.status().liveMembers().contains(a.node().id()) && b.status().leaseValid(), "membership");
            List<SessionKey> keys = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < threads * sessionsPerThread; i++) {
                SessionKey key = SessionKey.web("/bench", "s" + i);
                a.create(key, new SessionData(new Metadata(now, now, 1800), Map.of("blob", new byte[size])));
                keys.add(key);
            }
            waitFor(() -> b.status().backups() == keys.size() && a.status().heldInBatch() == 0, "initial copies");
            long appliedBefore = b.metrics().get(Counter.DELTAS_APPLIED) + b.metrics().get(Counter.STATES_APPLIED);
            long framesBefore = a.metrics().get(Counter.FRAMES_SENT);
            Stamp[] last = new Stamp[keys.size()];
            int perThread = updates / threads;
            Measure measure = Measure.start();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * sessionsPerThread;
                done.add(clients.submit(() -> {
                    byte[][] values = new byte[64][];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = new byte[size];
                        values[i][0] = (byte) i;
                    }
                    for (int u = 0; u < perThread; u++) {
                        int s = first + u % sessionsPerThread;
                        CommitResult r = a.commit(keys.get(s), Changes.set("blob", values[u % values.length]));
                        last[s] = r.stamp();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            waitFor(() -> allReplicated(b, keys, last), "replication of the last versions");
            long applied = b.metrics().get(Counter.DELTAS_APPLIED) + b.metrics().get(Counter.STATES_APPLIED)
                    - appliedBefore;
            Result r = measure.stop("engine " + mode, (long) perThread * threads,
                    a.metrics().get(Counter.FRAMES_SENT) - framesBefore);
            if (applied < r.updates()) {
                System.out.printf("  note: %s applied %d deltas/states for %d updates (resyncs coalesced some)%n",
                        mode, applied, r.updates());
            }
            return r;
        } finally {
            clients.shutdownNow();
            a.close();
            b.close();
        }
    }

    private static boolean allReplicated(ReplicationEngine b, List<SessionKey> keys, Stamp[] last) {
        for (int i = 0; i < keys.size(); i++) {
            Stamp expected = last[i];
            if (expected != null && !b.peek(keys.get(i)).map(c -> c.snapshot().stamp().equals(expected)).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static ReplicationEngine engine(String url, String cluster, String id, ReplicationMode mode) {
        EngineConfig config = EngineConfig.builder(NodeId.of(id))
                .topology(new Topology("m-" + id, "r-" + id, "z-" + id))
                .mode(mode)
                .batchSize(256)
                .batchDelay(Duration.ofMillis(5))
                .heartbeatInterval(Duration.ofMillis(200))
                .failureTimeout(Duration.ofSeconds(10))
                .syncTimeout(Duration.ofSeconds(30))
                .build();
        ArtemisTransport transport = new ArtemisTransport(ArtemisTransportConfig.builder().brokerUrl(url)
                .clusterName(cluster).build());
        return new ReplicationEngine(config, transport).start();
    }

    /** Polls {@code condition} every 5 ms, for at most two minutes. */
    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
