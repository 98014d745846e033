package dev.understudy.ejb;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.StoredSession;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A bean session of its own (kind {@code EJB}) for a replicated bean that does not live in an HTTP session:
 * created at the bean's first capture, changed by deltas (fields as attributes), removed by {@code @Remove}.
 * Clients reach it through the bean's handle ({@link ReplicatedBeans}). Remembers what it stored, so only changed
 * fields travel.
 */
final class OwnSessionStore implements BeanStore {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OwnSessionStore.class.getName());
    /** Idle timeout of a bean session without {@code @StatefulTimeout}: the EJB default of Payara (30 min). */
    static final int DEFAULT_TIMEOUT_SECONDS = 1800;

    private final String scope;
    private final int timeoutSeconds;
    private String sessionId;
    private String primary;
    private String secondary;
    private long epoch;
    /** Took over by another node: this instance is stale and no longer writes. */
    private boolean detached;
    /** What the bean session holds (last written or restored); serialized with the bean, see BeanReplicator. */
    private LinkedHashMap<String, byte[]> written;
    private transient String allowList;

    OwnSessionStore(String scope, int timeoutSeconds) {
        this.scope = scope;
        this.timeoutSeconds = timeoutSeconds < 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    /** A store continuing {@code opened} (a fresh instance restored from it). */
    static OwnSessionStore continuing(String scope, int timeoutSeconds, StoredSession opened, String allowList) {
        OwnSessionStore store = new OwnSessionStore(scope, timeoutSeconds);
        store.sessionId = opened.key().id();
        store.route(opened.route());
        store.written = new LinkedHashMap<>(opened.state().attributes());
        store.allowList = allowList;
        return store;
    }

    @Override
    public String describe() {
        return sessionId == null ? "in a bean session of its own" : "in bean session " + sessionId;
    }

    @Override
    public boolean followsSession() {
        return false;
    }

    @Override
    public Map<String, byte[]> stored() {
        return Map.of();
    }

    @Override
    public Map<String, byte[]> lastKnown() {
        return written;
    }

    String sessionId() {
        return sessionId;
    }

    /** The bean session's route now, {@code null} before the first write. */
    SessionRoute route() {
        return sessionId == null ? null : new SessionRoute(sessionId, primary, secondary, epoch);
    }

    boolean isDetached() {
        return detached;
    }

    @Override
    public Optional<Integer> write(Map<String, byte[]> captured) {
        if (detached) {
            return Optional.empty();
        }
        try (ReplicationConnection c = Connections.open()) {
            allowList = c.deserializationFilter();
            long now = System.currentTimeMillis();
            if (sessionId == null) {
                SessionKey key = SessionKey.bean(scope, c.newSessionId());
                StoredSession created = c.create(key, new SessionState(now, now, timeoutSeconds, captured));
                sessionId = key.id();
                route(created.route());
                written = new LinkedHashMap<>(captured);
                return Optional.of(captured.size());
            }
            Map<String, byte[]> set = new LinkedHashMap<>();
            captured.forEach((name, bytes) -> {
                if (written == null || !Arrays.equals(written.get(name), bytes)) {
                    set.put(name, bytes);
                }
            });
            Set<String> removed = new HashSet<>();
            if (written != null) {
                written.keySet().stream().filter(n -> !captured.containsKey(n)).forEach(removed::add);
            }
            SessionKey key = SessionKey.bean(scope, sessionId);
            SessionChanges changes = new SessionChanges(set, removed, now, null);
            CommitReceipt receipt;
            try {
                receipt = c.commit(key, changes);
            } catch (SessionMovedException moved) {
                detached = true;
                BeanLog.B032.log(LOG, sessionId);
                return Optional.empty();
            }
            route(receipt.route());
            written = new LinkedHashMap<>(captured);
            return Optional.of(set.size() + removed.size());
        }
    }

    @Override
    public void remove() {
        if (sessionId == null || detached) {
            return;
        }
        try (ReplicationConnection c = Connections.open()) {
            c.invalidate(SessionKey.bean(scope, sessionId));
        } catch (SessionMovedException moved) {
            BeanLog.B032.log(LOG, sessionId);
        }
        detached = true;
    }

    @Override
    public String allowList() {
        if (allowList == null) {
            try (ReplicationConnection c = Connections.open()) {
                allowList = c.deserializationFilter();
            }
        }
        return allowList;
    }

    private void route(SessionRoute r) {
        primary = r.primary();
        secondary = r.secondary();
        epoch = r.epoch();
    }
}
