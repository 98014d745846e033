package dev.understudy.web;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.SizeLimits;
import dev.understudy.api.StoredSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An in-memory stand-in for the adapter, at the API boundary: one node's store, routes with a toy MAC, and a
 * log of every call (shared with {@link FakeHttp.Response}, so tests can check that replication happened before
 * the response committed).
 */
final class InMemoryReplication implements ReplicationConnectionFactory {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    static final class Entry {
        SessionState state;
        SessionRoute route;
        long version;

        Entry(SessionState state, SessionRoute route, long version) {
            this.state = state;
            this.route = route;
            this.version = version;
        }
    }

    final List<String> log;
    final Map<SessionKey, Entry> store = new LinkedHashMap<>();
    final Map<String, SessionEventListener> listeners = new HashMap<>();
    String nodeId = "node-a";
    String secondary = "node-b";
    ReplicationMode mode = ReplicationMode.SYNC;
    SizeLimits limits = new SizeLimits(64 * 1024, 256 * 1024);
    String deserializationFilter = "java.base/*;dev.understudy.web.**;!*";
    boolean arriveOnNextOpen;
    /** Like an adapter with a previous route key in its grace period: routes of that key verify too. */
    boolean previousKeyAccepted;
    int moveNextCommits;
    RuntimeException failNextCommit;
    /** Thrown by the next create after it stored the session (a SYNC wait that timed out). */
    RuntimeException failNextCreateAfterStoring;
    int connectionsOpened;
    int connectionsClosed;
    private int ids;

    InMemoryReplication(List<String> log) {
        this.log = log;
    }

    InMemoryReplication() {
        this(Collections.synchronizedList(new ArrayList<>()));
    }

    /** Stores a session directly (as another request or node did). */
    SessionRoute put(String scope, String id, SessionState state) {
        SessionRoute route = new SessionRoute(id, nodeId, secondary, 1);
        store.put(SessionKey.web(scope, id), new Entry(state, route, 1));
        return route;
    }

    Entry entry(String scope, String id) {
        return store.get(SessionKey.web(scope, id));
    }

    static String encode(SessionRoute route) {
        String body = route.sessionId() + "." + route.primary() + "." + Objects.toString(route.secondary(), "") + "."
                + route.epoch();
        return body + "." + mac(body);
    }

    private static String mac(String body) {
        return Integer.toHexString(("cluster-key:" + body).hashCode());
    }

    /** The cookie value for {@code route} signed with the previous key of a rotation. */
    static String encodeWithPreviousKey(SessionRoute route) {
        String body = route.sessionId() + "." + route.primary() + "." + Objects.toString(route.secondary(), "") + "."
                + route.epoch();
        return body + "." + previousMac(body);
    }

    private static String previousMac(String body) {
        return Integer.toHexString(("previous-key:" + body).hashCode());
    }

    @Override
    public ReplicationConnection getConnection() {
        connectionsOpened++;
        return new Connection();
    }

    @Override
    public void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener) {
        listeners.put(kind + ":" + scope, listener);
    }

    @Override
    public void removeSessionEventListener(SessionKind kind, String scope) {
        listeners.remove(kind + ":" + scope);
    }

    private final class Connection implements ReplicationConnection {
        private boolean closed;

        private void check() {
            if (closed) {
                throw new IllegalStateException("connection closed");
            }
        }

        @Override
        public String nodeId() {
            check();
            return nodeId;
        }

        @Override
        public ReplicationMode mode() {
            check();
            return mode;
        }

        @Override
        public SizeLimits limits() {
            check();
            return limits;
        }

        @Override
        public String deserializationFilter() {
            check();
            return deserializationFilter;
        }

        @Override
        public String newSessionId() {
            check();
            return "sid-" + (++ids);
        }

        @Override
        public Optional<SessionRoute> decodeRoute(String cookieValue) {
            check();
            String[] parts = cookieValue.split("\\.", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            String body = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
            boolean verified = mac(body).equals(parts[4])
                    || (previousKeyAccepted && previousMac(body).equals(parts[4]));
            if (!verified || !ID.matcher(parts[0]).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SessionRoute(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2],
                        Long.parseLong(parts[3])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String encodeRoute(SessionRoute route) {
            check();
            return encode(route);
        }

        /** For Java clients, not the filter. */
        @Override
        public String encodeSummedRoute(SessionRoute route) {
            throw new UnsupportedOperationException("encodeSummedRoute");
        }

        /** For Java clients, not the filter. */
        @Override
        public Optional<SessionRoute> decodeSummedRoute(String value) {
            throw new UnsupportedOperationException("decodeSummedRoute");
        }

        @Override
        public Optional<StoredSession> open(SessionKey key, SessionRoute route) {
            check();
            log.add("open " + key.id());
            Entry entry = store.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            boolean arrived = arriveOnNextOpen;
            if (arrived) {
                arriveOnNextOpen = false;
                entry.route = new SessionRoute(key.id(), nodeId, secondary, entry.route.epoch() + 1);
            }
            return Optional.of(new StoredSession(key, entry.state, entry.route, entry.version, arrived));
        }

        @Override
        public StoredSession create(SessionKey key, SessionState state) {
            check();
            log.add("create " + key.id() + " " + new TreeSet<>(state.attributes().keySet()));
            if (store.containsKey(key)) {
                throw new IllegalStateException("Session " + key + " already exists"); // as the engine does
            }
            SessionRoute route = new SessionRoute(key.id(), nodeId, secondary, 1);
            store.put(key, new Entry(state, route, 1));
            if (failNextCreateAfterStoring != null) {
                RuntimeException failure = failNextCreateAfterStoring;
                failNextCreateAfterStoring = null;
                throw failure;
            }
            return new StoredSession(key, state, route, 1, false);
        }

        @Override
        public CommitReceipt commit(SessionKey key, SessionChanges changes) {
            check();
            if (failNextCommit != null) {
                RuntimeException failure = failNextCommit;
                failNextCommit = null;
                throw failure;
            }
            Entry entry = store.get(key);
            if (moveNextCommits > 0 || entry == null) {
                moveNextCommits = Math.max(0, moveNextCommits - 1);
                log.add("moved " + key.id());
                throw new SessionMovedException("not the owner of " + key.id());
            }
            log.add("commit " + key.id() + " set=" + new TreeSet<>(changes.set().keySet()) + " removed="
                    + new TreeSet<>(changes.removed()) + (changes.maxInactiveSeconds() == null ? ""
                            : " maxInactive=" + changes.maxInactiveSeconds()));
            Map<String, byte[]> attributes = new LinkedHashMap<>(entry.state.attributes());
            attributes.putAll(changes.set());
            changes.removed().forEach(attributes::remove);
            entry.state = new SessionState(entry.state.creationTime(), changes.lastAccessedTime(),
                    changes.maxInactiveSeconds() == null ? entry.state.maxInactiveSeconds()
                            : changes.maxInactiveSeconds(), attributes);
            entry.version++;
            return new CommitReceipt(entry.route, entry.version, CommitReceipt.Protection.ACKNOWLEDGED);
        }

        @Override
        public void touch(SessionKey key, long lastAccessedTime) {
            check();
            log.add("touch " + key.id());
            Entry entry = store.get(key);
            if (entry != null) {
                entry.state = new SessionState(entry.state.creationTime(), lastAccessedTime,
                        entry.state.maxInactiveSeconds(), entry.state.attributes());
            }
        }

        @Override
        public CommitReceipt invalidate(SessionKey key) {
            check();
            log.add("invalidate " + key.id());
            Entry entry = store.remove(key);
            return new CommitReceipt(entry == null ? new SessionRoute(key.id(), nodeId, null, 0) : entry.route, 0,
                    CommitReceipt.Protection.ACKNOWLEDGED);
        }

        @Override
        public CommitReceipt changeId(SessionKey key, String newId) {
            check();
            log.add("changeId " + key.id() + " -> " + newId);
            Entry entry = store.remove(key);
            if (entry == null) {
                throw new SessionMovedException("no session " + key.id());
            }
            entry.route = new SessionRoute(newId, entry.route.primary(), entry.route.secondary(), entry.route.epoch());
            entry.version++;
            store.put(new SessionKey(key.kind(), key.scope(), newId), entry);
            return new CommitReceipt(entry.route, entry.version, CommitReceipt.Protection.ACKNOWLEDGED);
        }

        @Override
        public Optional<String> explain(SessionKey key) {
            check();
            return Optional.empty();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                connectionsClosed++;
            }
        }
    }
}
