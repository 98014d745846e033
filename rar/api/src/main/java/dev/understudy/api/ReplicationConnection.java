package dev.understudy.api;

import java.util.Optional;

/**
 * A handle on this node's replication engine: what the web filter and the interceptors use to load, create,
 * change and remove replicated sessions. Attribute values are opaque bytes, marshalled by the caller with the
 * application's class loader. Not thread-safe; one per request. After {@link #close()} every method throws
 * {@link IllegalStateException}.
 */
public interface ReplicationConnection extends AutoCloseable {

    /** This node's id. */
    String nodeId();

    /** The replication mode in force now (it can change at run time). */
    ReplicationMode mode();

    /** The size limits in force; larger values are refused with {@link IllegalArgumentException}. */
    SizeLimits limits();

    /**
     * The class-name patterns a deserializer must accept, in {@link java.io.ObjectInputFilter.Config#createFilter}
     * syntax (e.g. {@code "java.base/*;com.shop.**;!*"}), as configured on the adapter.
     */
    String deserializationFilter();

    /** A new session id: at least 128 bits from {@code SecureRandom}, URL-safe. */
    String newSessionId();

    /**
     * The route a cookie value carries, if its MAC verifies and its ids are valid; empty for anything garbled
     * or forged (never throws for bad input).
     */
    Optional<SessionRoute> decodeRoute(String cookieValue);

    /** The cookie value for a session's current route (id, primary, secondary, epoch, MAC). */
    String encodeRoute(SessionRoute route);

    /**
     * The route as a Java client carries it with each call (seed ¶66): the session id, the primary, the pair as
     * one number (the sum of the two nodes' random numbers; the receiver subtracts the primary's) and the epoch,
     * MAC-protected like a cookie.
     */
    String encodeSummedRoute(SessionRoute route);

    /**
     * The route a summed value carries, if its MAC verifies; its secondary is {@code null} when this node cannot
     * resolve the sum (it never heard of the pair). Empty for anything garbled or forged (never throws).
     */
    Optional<SessionRoute> decodeSummedRoute(String value);

    /**
     * The session to serve: this node's copy if it owns it, else a takeover of the newest copy among the
     * nodes {@code route} names (only live members are asked). Empty when no copy exists anywhere.
     *
     * @param route the verified route from the request's cookie, or {@code null}
     */
    Optional<StoredSession> open(SessionKey key, SessionRoute route);

    /** Creates a session served by this node; in SYNC mode returns once its secondary holds it. */
    StoredSession create(SessionKey key, SessionState state);

    /**
     * Applies one request's changes (in SYNC mode: returns once the secondary applied them).
     *
     * @throws SessionMovedException this node no longer owns the session; open it again
     */
    CommitReceipt commit(SessionKey key, SessionChanges changes);

    /** Records an access that changed nothing else (batched, never waits). */
    void touch(SessionKey key, long lastAccessedTime);

    /** Removes the session here and on its secondary. */
    CommitReceipt invalidate(SessionKey key);

    /**
     * Gives the session a new id, atomically on both copies. Returns once the secondary applied it, in every mode:
     * after a login, a failover must never bring the pre-login id back.
     */
    CommitReceipt changeId(SessionKey key, String newId);

    /** Why the session's secondary was chosen, for operators; empty if this node does not serve it. */
    Optional<String> explain(SessionKey key);

    /** Returns the handle; idempotent. */
    @Override
    void close();
}
