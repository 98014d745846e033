package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import dev.understudy.core.route.Route;
import dev.understudy.core.spi.Transport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One node's replication engine: the container-neutral core of Understudy (ARCHITECTURE §4-6).
 *
 * <p>All protocol state lives on one engine thread ({@link EventLoop}); these methods hand work to it and,
 * for the blocking forms, wait. Sessions are created and changed where they are served (the primary);
 * changes travel with (epoch, version) stamps to the secondary; {@link #open} takes over a session served
 * elsewhere. In {@link ReplicationMode#SYNC} the change methods return only after the secondary applied the
 * change. Thread-safe.
 */
public final class ReplicationEngine implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineContext ctx;
    private final Transport transport;
    private final PrimarySide primary;
    private final Takeover takeover;
    private final Cluster cluster;
    private final Drain drain;
    private final Dispatcher dispatcher;
    private volatile boolean started;
    /** Calls waiting for the engine, failed at once by {@link #close()} instead of running into their timeout. */
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();

    public ReplicationEngine(EngineConfig config, Transport transport) {
        this(config, transport, SessionEvents.NONE, null);
    }

    /**
     * @param events        told of expiries and takeovers that happen without a call
     * @param threadFactory makes the engine thread ({@code null}: a daemon thread named after the node)
     */
    public ReplicationEngine(EngineConfig config, Transport transport, SessionEvents events,
            ThreadFactory threadFactory) {
        NodeInfo self = new NodeInfo(config.nodeId(), RANDOM.nextLong() >>> 1 | 1, config.topology());
        this.ctx = new EngineContext(self, config, new EngineMetrics(), events);
        this.transport = transport;
        FrameCodec codec = new FrameCodec();
        ThreadFactory tf = threadFactory != null ? threadFactory : r -> {
            Thread t = new Thread(r, "understudy-engine-" + config.nodeId());
            t.setDaemon(true);
            return t;
        };
        ctx.loop = new EventLoop(tf, this::afterRun);
        ctx.outbox = new Outbox(self, transport, codec, ctx.metrics, ctx.members::incarnation);
        ctx.batcher = new Batcher(ctx.outbox, ctx.loop, ctx.metrics, config.mode(), config.batchSize(),
                config.batchDelay().toNanos());
        this.primary = new PrimarySide(ctx);
        BackupSide backup = new BackupSide(ctx, primary);
        this.takeover = new Takeover(ctx, primary);
        this.cluster = new Cluster(ctx, primary, backup, takeover);
        this.drain = new Drain(ctx);
        this.dispatcher = new Dispatcher(ctx, codec, primary, backup, takeover, cluster, drain);
        ctx.loop.execute(() -> {
            ctx.loop.every(config.heartbeatInterval().toNanos(), cluster::tick);
            ctx.loop.every(config.digestInterval().toNanos(), () -> primary.tick(1000));
            ctx.loop.every(config.expiryInterval().toNanos(), () -> {
                long now = EngineContext.wallClock();
                primary.expire(now);
                backup.expire(now);
            });
        });
    }

    /** Starts the engine thread and the transport. Does not wait for the broker. */
    public synchronized ReplicationEngine start() {
        if (!started) {
            started = true;
            ctx.loop.start();
            transport.start(ctx.selfId(), dispatcher);
            LogCode.STARTED.log(EngineContext.LOG, ctx.selfId(), ctx.config.mode(), ctx.config.topology());
        }
        return this;
    }

    private void afterRun() {
        ctx.outbox.flush();
    }

    public NodeInfo node() {
        return ctx.self;
    }

    /** Every node heard of since start, by id and number (for summed routes). */
    public NodeDirectory directory() {
        return ctx.directory;
    }

    public EngineMetrics metrics() {
        return ctx.metrics;
    }

    /**
     * Creates a session served by this node and gives it a secondary. In SYNC, returns after the secondary
     * holds it.
     *
     * @throws IllegalArgumentException the state breaks a size limit
     * @throws IllegalStateException    the key exists, or this node is leaving
     */
    public SessionSnapshot create(SessionKey key, SessionData data) {
        CompletableFuture<SessionSnapshot> f = loopCompose(() -> {
            if (drain.isLeaving()) {
                throw new IllegalStateException(ctx.selfId() + " is leaving: create the session elsewhere");
            }
            SessionSnapshot s = primary.create(key, data);
            return primary.completion(primary.owned(key))
                    .thenApply(r -> new SessionSnapshot(key, r.stamp(), s.primary(), r.secondary(), s.data()));
        });
        return await(f, syncWait(), "create " + key);
    }

    /**
     * The session to serve for a request that names {@code key}: this node's own copy if it owns it, else a
     * takeover of the newest copy among the nodes {@code hint} names (only live members are ever asked).
     * Empty when no copy exists. {@code hint} must come from a verified route.
     */
    public Optional<SessionSnapshot> open(SessionKey key, Route hint) {
        CompletableFuture<Optional<SessionSnapshot>> f = loopCompose(() -> {
            if (drain.isLeaving()) {
                throw new NotOwnerException(key, ctx.selfId() + " is leaving");
            }
            PrimaryRecord rec = ctx.primaries.get(key);
            if (rec != null && !ctx.members.isConnected()) {
                ctx.count(Counter.DEGRADED_REQUESTS);
                return CompletableFuture.completedFuture(Optional.of(rec.snapshot(ctx.selfId())));
            }
            if (rec != null) {
                cluster.checkLease(EngineContext.now()); // a lapsed lease marks every record unverified
            }
            if (rec != null && rec.verified) {
                if (rec.secondary == null) {
                    primary.protect(rec, Reason.NEW_SECONDARY);
                }
                return CompletableFuture.completedFuture(Optional.of(rec.snapshot(ctx.selfId())));
            }
            return takeover.takeOver(key, hint);
        });
        Duration wait = ctx.config.fetchTimeout().multipliedBy(7);
        return await(f, wait, "open " + key);
    }

    /** Applies one request's changes. In SYNC, returns once the secondary applied them. */
    public CommitResult commit(SessionKey key, Changes changes) {
        return await(loopCompose(() -> primary.commit(key, changes)), syncWait(), "commit " + key);
    }

    /** Records an access that changed nothing else; batched, never waits. */
    public void touch(SessionKey key, long lastAccessedTime) {
        ctx.loop.execute(() -> {
            if (ctx.primaries.containsKey(key)) {
                primary.touch(key, lastAccessedTime);
            }
        });
    }

    /** Removes the session here and on its secondary. In SYNC, returns once the secondary removed it. */
    public CommitResult invalidate(SessionKey key) {
        return await(loopCompose(() -> primary.invalidate(key)), syncWait(), "invalidate " + key);
    }

    /** Gives the session a new id, atomically on both copies (in SYNC, acknowledged by the secondary). */
    public CommitResult changeId(SessionKey key, String newId) {
        return await(loopCompose(() -> primary.changeId(key, newId)), syncWait(), "change id of " + key);
    }

    /** Why the session's secondary was chosen; empty if this node does not serve it. */
    public Optional<Choice> explain(SessionKey key) {
        return await(ctx.loop.call(() -> {
            PrimaryRecord rec = ctx.primaries.get(key);
            return Optional.ofNullable(rec == null ? null : rec.choice);
        }), ctx.config.fetchTimeout(), "explain " + key);
    }

    /** What this node holds of {@code key}, as primary or backup, without taking anything over. */
    public Optional<LocalCopy> peek(SessionKey key) {
        return await(ctx.loop.call(() -> LocalCopy.of(ctx, key)), ctx.config.fetchTimeout(), "peek " + key);
    }

    /** Counts and the membership view, read on the engine thread. */
    public EngineStatus status() {
        return await(ctx.loop.call(() -> EngineStatus.of(ctx, drain.isLeaving())), ctx.config.fetchTimeout(),
                "status");
    }

    /** The settings an operator may change, as in force now. Cheap; any thread. */
    public RuntimeSettings settings() {
        return ctx.settings;
    }

    /**
     * Changes the mode at run time, effective for every change made after this returns; whatever BATCH held
     * leaves at once.
     *
     * @return the settings in force before
     * @throws IllegalArgumentException {@code mode} is null (nothing changes)
     */
    public RuntimeSettings setMode(ReplicationMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of " + Arrays.toString(ReplicationMode.values())
                    + ", was null; it stays " + ctx.settings.mode());
        }
        return change(s -> s.withMode(mode));
    }

    /**
     * Changes the BATCH bounds at run time (a batch leaves at {@code size} messages or when its oldest is
     * {@code delay} old), effective for every change made after this returns; whatever was held leaves at once.
     *
     * @return the settings in force before
     * @throws IllegalArgumentException {@code size} is not in [1, {@value RuntimeSettings#MAX_BATCH_SIZE}] or
     *                                  {@code delay} is not positive (nothing changes)
     */
    public RuntimeSettings setBatching(int size, Duration delay) {
        RuntimeSettings now = ctx.settings;
        String unchanged = "; batching stays " + now.batchSize() + " messages / " + now.batchDelay().toMillis() + " ms";
        if (size < 1 || size > RuntimeSettings.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be in [1, " + RuntimeSettings.MAX_BATCH_SIZE
                    + "], was " + size + unchanged);
        }
        if (delay == null || delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("batchDelay must be positive, was " + delay + unchanged);
        }
        return change(s -> s.withBatching(size, delay));
    }

    /**
     * Changes the admin pairing ({@code null}: none, the automatic choice); applies to secondaries chosen from
     * now on, existing sessions keep theirs.
     *
     * @return the settings in force before
     * @throws IllegalArgumentException {@code node} is this node or not a live member (nothing changes)
     */
    public RuntimeSettings setPreferredSecondary(NodeId node) {
        return change(s -> {
            if (node != null && node.equals(ctx.selfId())) {
                throw new IllegalArgumentException("preferredSecondary must not be this node itself (" + node
                        + "); it stays " + orNone(s.preferredSecondary()));
            }
            if (node != null && !ctx.members.isLive(node)) {
                throw new IllegalArgumentException("preferredSecondary must be a live member of the cluster "
                        + ctx.members.peers(EngineContext.now()).stream().map(p -> p.node().id().value()).toList()
                        + " (or none, for the automatic choice), was " + node + "; it stays "
                        + orNone(s.preferredSecondary()));
            }
            return s.withPreferredSecondary(node);
        });
    }

    private static String orNone(NodeId node) {
        return node == null ? "none" : node.value();
    }

    /** Applies a settings change on the engine thread, so that it holds for everything queued after it. */
    private RuntimeSettings change(UnaryOperator<RuntimeSettings> how) {
        if (!started) {
            throw new IllegalStateException("The replication engine of " + ctx.selfId()
                    + " is not started: give the setting in its EngineConfig");
        }
        Supplier<RuntimeSettings> apply = () -> {
            RuntimeSettings before = ctx.settings;
            RuntimeSettings after = how.apply(before);
            if (after.mode() != before.mode() || after.batchSize() != before.batchSize()
                    || !after.batchDelay().equals(before.batchDelay())) {
                ctx.batcher.reconfigure(after.mode(), after.batchSize(), after.batchDelay().toNanos());
            }
            ctx.settings = after;
            return before;
        };
        if (ctx.loop.inLoop()) {
            return apply.get();
        }
        return await(ctx.loop.call(apply), ctx.config.fetchTimeout(), "settings change");
    }

    /**
     * Leaves gracefully: hands every session this node serves to its secondary, announces the leave, then
     * stops. Returns when done or after the sync timeout.
     */
    public void leave() {
        try {
            await(loopCompose(drain::start), syncWait(), "leave");
        } finally {
            close();
        }
    }

    /** Stops at once, sending nothing: to peers this looks like a crash. */
    @Override
    public void close() {
        ctx.loop.close(2000);
        IllegalStateException stopped = new IllegalStateException("The replication engine of " + ctx.selfId()
                + " stopped");
        waiting.forEach(f -> f.completeExceptionally(stopped));
        transport.close();
        LogCode.STOPPED.log(EngineContext.LOG, ctx.selfId());
    }

    /** Runs {@code task} on the engine thread; tests use it to stall the engine the way a long GC pause would. */
    void onEngineThread(Runnable task) {
        ctx.loop.execute(task);
    }

    private <T> CompletableFuture<T> loopCompose(Supplier<CompletableFuture<T>> task) {
        return ctx.loop.call(task).thenCompose(f -> f);
    }

    private Duration syncWait() {
        return ctx.config.syncTimeout();
    }

    private <T> T await(CompletableFuture<T> f, Duration timeout, String what) {
        waiting.add(f);
        try {
            if (ctx.loop.isClosed()) {
                throw new IllegalStateException("The replication engine of " + ctx.selfId() + " is stopped");
            }
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx.count(Counter.SYNC_TIMEOUTS);
            throw new ReplicationTimeoutException(what + " not done within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(what + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } finally {
            waiting.remove(f);
        }
    }
}
