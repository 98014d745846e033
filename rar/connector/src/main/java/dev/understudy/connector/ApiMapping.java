package dev.understudy.connector;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.StoredSession;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.NotOwnerException;
import dev.understudy.core.engine.ReplicationTimeoutException;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.route.Route;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.RejectedExecutionException;

/**
 * Translation between the public API ({@code dev.understudy.api}) and the engine's model
 * ({@code dev.understudy.core}): keys, states, routes, receipts, and exceptions.
 */
final class ApiMapping {
    /** 18 random bytes: 144 bits, 24 base64url characters without padding. */
    static final int SESSION_ID_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ApiMapping() {
    }

    static String newSessionId() {
        byte[] bytes = new byte[SESSION_ID_BYTES];
        RANDOM.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }

    /** @throws IllegalArgumentException the id or scope is not valid */
    static SessionKey key(dev.understudy.api.SessionKey key) {
        return new SessionKey(key.kind(), key.scope(), key.id());
    }

    static dev.understudy.api.SessionKey key(SessionKey key) {
        return new dev.understudy.api.SessionKey(key.kind(), key.scope(), key.id());
    }

    static SessionState state(SessionData data) {
        Metadata m = data.metadata();
        return new SessionState(m.creationTime(), m.lastAccessedTime(), m.maxInactiveSeconds(), data.attributes());
    }

    static SessionData data(SessionState state) {
        return new SessionData(new Metadata(state.creationTime(), state.lastAccessedTime(), state.maxInactiveSeconds()),
                state.attributes());
    }

    static SessionRoute route(Route route) {
        return new SessionRoute(route.sessionId(), route.primary().value(), value(route.secondary()), route.epoch());
    }

    /** @throws IllegalArgumentException a node id or the session id is not valid */
    static Route route(SessionRoute route) {
        return new Route(route.sessionId(), NodeId.of(route.primary()),
                route.secondary() == null ? null : NodeId.of(route.secondary()), route.epoch());
    }

    static StoredSession stored(dev.understudy.api.SessionKey key, SessionSnapshot s, boolean arrived) {
        SessionRoute route = new SessionRoute(s.key().id(), s.primary().value(), value(s.secondary()),
                s.stamp().epoch());
        return new StoredSession(key, state(s.data()), route, s.stamp().version(), arrived);
    }

    static CommitReceipt receipt(String sessionId, CommitResult r) {
        SessionRoute route = new SessionRoute(sessionId, r.primary().value(), value(r.secondary()), r.stamp().epoch());
        return new CommitReceipt(route, r.stamp().version(), CommitReceipt.Protection.valueOf(r.protection().name()));
    }

    /**
     * The API's view of an engine failure: not the owner → {@link SessionMovedException}; a timeout, a stopped
     * engine or another refusal → {@link ReplicationException}; size limits and invalid ids
     * ({@link IllegalArgumentException}) and anything else unchanged.
     */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof NotOwnerException) {
            SessionMovedException moved = new SessionMovedException(e.getMessage());
            moved.initCause(e);
            return moved;
        }
        if (e instanceof ReplicationTimeoutException || e instanceof IllegalStateException
                || e instanceof RejectedExecutionException) {
            return new ReplicationException(e.getMessage(), e);
        }
        return e;
    }

    private static String value(NodeId node) {
        return node == null ? null : node.value();
    }
}
