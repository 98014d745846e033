package dev.understudy.connector;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.SizeLimits;
import dev.understudy.api.StoredSession;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.core.engine.NodeDirectory;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.model.Changes;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.route.Route;
import dev.understudy.core.route.RouteSum;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The connection handle applications get: a thin view of the adapter's engine, owned by one
 * {@link UnderstudyManagedConnection} at a time. It translates the public API to the engine's model and back
 * ({@link ApiMapping}). Every method checks validity first: after {@link #close()} (or after the container
 * cleaned up or destroyed its managed connection) it throws {@link IllegalStateException}. {@code close()} tells
 * the managed connection, which reports {@code CONNECTION_CLOSED} to the container.
 *
 * <p>Commits carry the session's whole metadata, so the handle remembers the metadata of the sessions it opened
 * or created; a commit for a session it has not seen reads it from the engine first ({@code peek}).
 */
public final class UnderstudyConnectionHandle implements ReplicationConnection {
    private volatile UnderstudyManagedConnection connection;
    private final Map<dev.understudy.core.model.SessionKey, Metadata> known = new ConcurrentHashMap<>();

    UnderstudyConnectionHandle(UnderstudyManagedConnection connection) {
        this.connection = connection;
    }

    /** Moves this handle to {@code to} ({@code associateConnection}). */
    void attach(UnderstudyManagedConnection to) {
        connection = to;
    }

    /** Makes this handle unusable without telling anyone (cleanup, destroy). */
    void invalidate() {
        connection = null;
        known.clear();
    }

    UnderstudyManagedConnection managedConnection() {
        return connection;
    }

    boolean isClosed() {
        return connection == null;
    }

    @Override
    public String nodeId() {
        return runtime().settings().nodeId().value();
    }

    @Override
    public ReplicationMode mode() {
        return runtime().engine().settings().mode();
    }

    @Override
    public SizeLimits limits() {
        EngineConfig c = runtime().settings().engineConfig();
        return new SizeLimits(c.maxAttributeBytes(), c.maxSessionBytes());
    }

    @Override
    public String deserializationFilter() {
        return runtime().settings().deserializationFilter();
    }

    @Override
    public String newSessionId() {
        runtime();
        return ApiMapping.newSessionId();
    }

    @Override
    public Optional<SessionRoute> decodeRoute(String cookieValue) {
        return runtime().routes().decode(cookieValue).map(ApiMapping::route);
    }

    @Override
    public String encodeRoute(SessionRoute route) {
        return call(rt -> rt.routes().encode(ApiMapping.route(route)));
    }

    @Override
    public String encodeSummedRoute(SessionRoute route) {
        return call(rt -> {
            Route r = ApiMapping.route(route);
            NodeDirectory nodes = rt.engine().directory();
            long primary = nodes.numberOf(r.primary()).orElseThrow(
                    () -> new IllegalArgumentException("Unknown primary node " + r.primary()));
            long secondary = r.secondary() == null ? 0 : nodes.numberOf(r.secondary()).orElseThrow(
                    () -> new IllegalArgumentException("Unknown secondary node " + r.secondary()));
            return rt.routes().encodeSummed(r.sessionId(), r.primary(), RouteSum.encode(primary, secondary), r.epoch());
        });
    }

    @Override
    public Optional<SessionRoute> decodeSummedRoute(String value) {
        AdapterRuntime rt = runtime();
        return rt.routes().decodeSummed(value).map(s -> {
            NodeDirectory nodes = rt.engine().directory();
            NodeId secondary = null;
            OptionalLong primary = nodes.numberOf(s.primary());
            if (primary.isPresent()) {
                long number = RouteSum.secondaryOf(s.sum(), primary.getAsLong());
                secondary = number == 0 ? null : nodes.byNumber(number).orElse(null);
            }
            return ApiMapping.route(new Route(s.sessionId(), s.primary(), secondary, s.epoch()));
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link StoredSession#arrived()} is true when this node serves the session now and held no primary copy
     * of it before the call (it took the session over while opening it).
     */
    @Override
    public Optional<StoredSession> open(SessionKey key, SessionRoute route) {
        return call(rt -> {
            var k = ApiMapping.key(key);
            Route hint = route == null ? null : ApiMapping.route(route);
            ReplicationEngine engine = rt.engine();
            boolean servedBefore = engine.peek(k).map(c -> c.role() == LocalCopy.Role.PRIMARY).orElse(false);
            Optional<SessionSnapshot> opened = engine.open(k, hint);
            opened.ifPresent(s -> known.put(k, s.data().metadata()));
            return opened.map(s -> ApiMapping.stored(key, s,
                    !servedBefore && s.primary().equals(rt.settings().nodeId())));
        });
    }

    @Override
    public StoredSession create(SessionKey key, SessionState state) {
        return call(rt -> {
            var k = ApiMapping.key(key);
            SessionSnapshot created = rt.engine().create(k, ApiMapping.data(state));
            known.put(k, created.data().metadata());
            return ApiMapping.stored(key, created, false);
        });
    }

    @Override
    public CommitReceipt commit(SessionKey key, SessionChanges changes) {
        return call(rt -> {
            var k = ApiMapping.key(key);
            Metadata base = known.get(k);
            if (base == null) {
                base = rt.engine().peek(k).filter(c -> c.role() == LocalCopy.Role.PRIMARY)
                        .map(c -> c.snapshot().data().metadata()).orElse(null);
            }
            Metadata next = base == null ? null : new Metadata(base.creationTime(),
                    Math.max(base.lastAccessedTime(), changes.lastAccessedTime()),
                    changes.maxInactiveSeconds() != null ? changes.maxInactiveSeconds() : base.maxInactiveSeconds());
            CommitResult result = rt.engine().commit(k, new Changes(changes.set(), changes.removed(), next));
            if (next != null) {
                known.put(k, next);
            }
            return ApiMapping.receipt(key.id(), result);
        });
    }

    @Override
    public void touch(SessionKey key, long lastAccessedTime) {
        call(rt -> {
            var k = ApiMapping.key(key);
            rt.engine().touch(k, lastAccessedTime);
            known.computeIfPresent(k, (x, m) -> m.withLastAccessed(lastAccessedTime));
            return null;
        });
    }

    @Override
    public CommitReceipt invalidate(SessionKey key) {
        return call(rt -> {
            var k = ApiMapping.key(key);
            known.remove(k);
            return ApiMapping.receipt(key.id(), rt.engine().invalidate(k));
        });
    }

    @Override
    public CommitReceipt changeId(SessionKey key, String newId) {
        return call(rt -> {
            var k = ApiMapping.key(key);
            CommitResult result = rt.engine().changeId(k, newId);
            Metadata meta = known.remove(k);
            if (meta != null) {
                known.put(k.withId(newId), meta);
            }
            return ApiMapping.receipt(newId, result);
        });
    }

    @Override
    public Optional<String> explain(SessionKey key) {
        return call(rt -> rt.engine().explain(ApiMapping.key(key)).map(Choice::explain));
    }

    /** Returns the handle to its managed connection ({@code CONNECTION_CLOSED}); idempotent. */
    @Override
    public void close() {
        UnderstudyManagedConnection owner = connection;
        if (owner == null) {
            return;
        }
        invalidate();
        owner.handleClosed(this);
    }

    /** The running adapter behind this handle; throws if the handle is closed or the adapter stopped. */
    private AdapterRuntime runtime() {
        UnderstudyManagedConnection owner = connection;
        if (owner == null) {
            throw new IllegalStateException("This Understudy replication connection is closed");
        }
        AdapterRuntime runtime = owner.runtimeOrNull();
        if (runtime == null) {
            throw new ReplicationException("The Understudy resource adapter is stopped");
        }
        return runtime;
    }

    private <T> T call(Function<AdapterRuntime, T> operation) {
        AdapterRuntime rt = runtime();
        try {
            return operation.apply(rt);
        } catch (RuntimeException e) {
            throw ApiMapping.translate(e);
        }
    }
}
