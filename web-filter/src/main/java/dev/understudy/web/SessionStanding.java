package dev.understudy.web;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionStatus;
import dev.understudy.api.StoredSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where one request's session stands in the adapter's store — its key, its route, whether the store holds it
 * yet — and what the application is told of it ({@link SessionStatus}, a request attribute). Also the retry for
 * a session this node lost meanwhile ({@link #withOwnership}). Used under {@link RequestContext}'s lock only.
 */
final class SessionStanding {
    private final HttpServletRequest request;
    private final SessionRuntime runtime;
    SessionKey key;
    SessionRoute route;
    /** The store holds the session (false for a new one until its first commit point, and once it is gone). */
    boolean persisted;
    private CommitReceipt.Protection protection;
    private boolean takenOver;

    SessionStanding(HttpServletRequest request, SessionRuntime runtime) {
        this.request = request;
        this.runtime = runtime;
    }

    /** A session opened from, or just created in, the store (taken over here if it arrived). */
    void stored(StoredSession s, ReplicationConnection connection) {
        key = s.key();
        persisted = true;
        takenOver |= s.arrived();
        at(s.route(), s.version(), null, connection);
    }

    /** A new session, not in the store yet. */
    void fresh(SessionKey newKey) {
        key = newKey;
        route = null;
        persisted = false;
    }

    /** Records where the session stands after a change and tells the application. */
    void at(SessionRoute now, long version, CommitReceipt.Protection how, ReplicationConnection connection) {
        route = now;
        protection = how != null ? how : protection;
        request.setAttribute(SessionStatus.ATTRIBUTE, new SessionStatus(now.sessionId(), connection.nodeId(),
                now.primary(), now.secondary(), now.epoch(), version, protection, takenOver));
    }

    /** The session is no longer in the store (invalidated, or lost everywhere). */
    void gone() {
        persisted = false;
        route = null;
        request.removeAttribute(SessionStatus.ATTRIBUTE);
    }

    /**
     * Runs {@code operation}; if this node lost the session, reopens it and runs it once more. A session that no
     * longer exists anywhere: {@code lost} runs and the result is {@code null} ({@code US-W021}, counted).
     */
    <T> T withOwnership(String during, ReplicationConnection connection, Function<SessionKey, T> operation,
            Runnable lost) {
        try {
            return operation.apply(key);
        } catch (SessionMovedException e) {
            WebLog.W020.logCounted(runtime.logger(), runtime.stats().moved.incrementAndGet(), key.id(), during);
            Optional<StoredSession> again = connection.open(key, route);
            if (again.isEmpty()) {
                WebLog.W021.logCounted(runtime.logger(), runtime.stats().changesDropped.incrementAndGet(), key.id(),
                        during);
                gone();
                lost.run();
                return null;
            }
            stored(again.get(), connection);
            return operation.apply(key);
        }
    }
}
