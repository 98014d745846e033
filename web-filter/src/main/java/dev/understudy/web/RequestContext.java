package dev.understudy.web;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.api.StoredSession;
import dev.understudy.web.SessionCookie.ClientCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * One request's session: it owns the session id and the cookie (STYLE §11; model: Spring Session
 * {@code SessionRepositoryFilter}), and replicates at the commit points.
 *
 * <ul>
 * <li><b>Lazy.</b> Nothing happens until the application asks for the session (or the requested id): then the
 *     cookie is decoded ({@code decodeRoute}: garbled or forged means no session — never a fetch, never a 500)
 *     and the session opened, which takes it over if it lives elsewhere.</li>
 * <li><b>Create.</b> A new session is created in the store at the first commit point, with its whole first
 *     state: one replication, not two.</li>
 * <li><b>Commit points.</b> {@link #commitPoint()} — before the response commits (the response wrapper calls it,
 *     so in SYNC mode nothing reaches the client before the secondary applied the change), before an
 *     {@code include}, and in {@link #finish}. Only changes travel; a request that changed nothing sends a
 *     touch, once, at the end.</li>
 * <li><b>Cookie.</b> Written when the client does not hold the current route (new session, takeover, new
 *     secondary, new epoch, new id), cleared when its session is gone.</li>
 * <li><b>Ownership lost.</b> A {@link SessionMovedException} reopens the session and retries once; a session
 *     that no longer exists anywhere drops the request's changes ({@code US-W021}, counted).</li>
 * </ul>
 * Thread-safe (a request's async threads); application listeners run outside its lock.
 */
final class RequestContext implements ReplicatedSession.Owner {

    /** The request attribute holding the context (a later dispatch of the request finds it there). */
    static final String ATTRIBUTE = RequestContext.class.getName();

    /**
     * What a later dispatch of the same request continues from once this context finished (an ERROR dispatch
     * runs after the filter returned): what the client holds and sent, the session to reopen.
     */
    record Carry(ClientCookie client, ClientCookie requested, String requestedId, SessionRoute route,
            boolean createdHere) {
    }

    private final SessionRuntime runtime;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Carry carried;
    private final ClassLoader loader;
    private final long accessTime;

    private ReplicationConnection connection;
    private final CookieExchange cookie;
    private boolean loaded;
    private ReplicatedSession session;
    private final SessionStanding standing;
    private boolean replicated;
    /** A create was attempted and did not return: the store may hold the session anyway. */
    private boolean createFailed;
    private boolean createdHere;
    private ReplicatedSession arrival;
    private boolean closed;
    private Carry carry;

    /**
     * @param response the container's response (cookies are added to it directly, never through the wrapper)
     * @param carried {@code null} for a fresh request
     */
    RequestContext(SessionRuntime runtime, HttpServletRequest request, HttpServletResponse response, Carry carried) {
        this.runtime = runtime;
        this.request = request;
        this.response = response;
        this.carried = carried;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        this.loader = tccl != null ? tccl : runtime.servletContext().getClassLoader();
        this.accessTime = runtime.now();
        this.cookie = new CookieExchange(runtime, request, response);
        this.standing = new SessionStanding(request, runtime);
    }

    /**
     * {@code HttpServletRequest.getSession(create)}; not {@code strict} ({@link SessionEntriesView}): {@code null}
     * instead of {@link IllegalStateException} when a session would be created after the response committed.
     */
    ReplicatedSession getSession(boolean create, boolean strict) {
        ReplicatedSession current;
        ReplicatedSession created = null;
        ReplicatedSession arrived;
        synchronized (this) {
            load();
            arrived = takeArrival();
            if (session == null || !session.isValid()) {
                if (!create) {
                    return null;
                }
                if (response.isCommitted()) {
                    if (!strict) {
                        return null;
                    }
                    throw new IllegalStateException("Cannot create a session after the response has been committed");
                }
                created = createSession();
            }
            current = session;
        }
        activate(arrived);
        if (created != null) {
            runtime.stats().sessionsCreated.incrementAndGet();
            runtime.listeners().created(created);
        }
        return current;
    }

    /** {@code HttpServletRequest.changeSessionId()}: atomically on both copies, then the id listeners. */
    String changeSessionId() {
        ReplicatedSession target;
        String oldId;
        String newId;
        ReplicatedSession arrived;
        synchronized (this) {
            load();
            arrived = takeArrival();
            if (session == null || !session.isValid()) {
                throw new IllegalStateException("changeSessionId: no session is associated with this request");
            }
            target = session;
            oldId = target.getId();
            newId = connection().newSessionId();
            if (standing.persisted) {
                CommitReceipt receipt = withOwnership("changeSessionId", k -> connection().changeId(k, newId));
                if (receipt == null) {
                    throw new IllegalStateException("changeSessionId: session " + oldId + " no longer exists");
                }
                standing.at(receipt.route(), receipt.version(), receipt.protection(), connection());
            }
            standing.key = SessionKey.web(runtime.scope(), newId);
            target.changeId(newId);
        }
        activate(arrived);
        runtime.listeners().idChanged(target, oldId);
        return newId;
    }

    /** The id the request's cookie names (verified route), else {@code null}. */
    String requestedSessionId() {
        ReplicatedSession arrived;
        synchronized (this) {
            if (!closed) {
                load();
            }
            arrived = takeArrival();
        }
        activate(arrived);
        synchronized (this) {
            return cookie.requestedId();
        }
    }

    /** Whether the requested id names the session this request serves (false after its id changed). */
    boolean isRequestedSessionIdValid() {
        String id = requestedSessionId();
        synchronized (this) {
            return id != null && session != null && session.isValid() && standing.persisted
                    && id.equals(session.getId());
        }
    }

    /** Replicates what changed and writes the cookie if needed: before commit, before include, at the end. */
    synchronized void commitPoint() {
        if (closed || !loaded) {
            return;
        }
        replicate();
        writeCookie();
    }

    /** The application reset the response (headers gone): the client holds again only what it sent. */
    synchronized void responseReset() {
        cookie.responseReset();
    }

    /**
     * The last commit point, a touch if nothing was replicated, then the connection is returned. An exception
     * from here is added to {@code failure} if the request already failed, else thrown.
     */
    synchronized void finish(Throwable failure) {
        if (closed) {
            return;
        }
        try {
            commitPoint();
            if (session != null && session.isValid() && standing.persisted && !replicated) {
                try {
                    connection().touch(standing.key, accessTime);
                } catch (RuntimeException e) {
                    WebLog.W023.logCounted(runtime.logger(), runtime.stats().touchFailures.incrementAndGet(),
                            standing.key.id(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        } finally {
            boolean live = session != null && session.isValid() && standing.persisted;
            carry = new Carry(cookie.client(), cookie.requested(), cookie.requestedId(), live ? standing.route : null,
                    live && createdHere);
            closed = true;
            if (connection != null) {
                try {
                    connection.close();
                } catch (RuntimeException e) {
                    runtime.logger().log(Level.FINE, "closing the replication connection failed", e);
                }
                connection = null;
            }
        }
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** What a later dispatch continues from; {@code null} while this context is open. */
    synchronized Carry carry() {
        return carry;
    }

    /** The adapter's class-name patterns for deserialization, as this request's connection gives them. */
    synchronized String deserializationFilter() {
        return connection().deserializationFilter();
    }

    /**
     * Removes the session from the store; then, even if that failed, and outside the lock (its listeners are the
     * application's), the container's own session ({@link ReplicatedRequest#invalidateContainerSession}).
     */
    @Override
    public void invalidated(ReplicatedSession invalidated) {
        try {
            remove(invalidated);
        } finally {
            ReplicatedRequest.invalidateContainerSession(request);
        }
    }

    private synchronized void remove(ReplicatedSession invalidated) {
        if (invalidated != session) {
            return;
        }
        if (standing.persisted) {
            standing.persisted = false;
            withOwnership("invalidate", k -> connection().invalidate(k));
        }
        standing.gone();
    }

    private void load() {
        if (loaded) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("The request is complete: its session can no longer be opened");
        }
        SessionRoute toOpen;
        if (carried != null) {
            cookie.restore(carried);
            createdHere = carried.createdHere();
            toOpen = carried.route();
        } else {
            toOpen = cookie.read(this::connection);
        }
        loaded = true;
        if (toOpen != null) {
            try {
                open(toOpen);
            } catch (RuntimeException e) {
                loaded = false;
                throw e;
            }
        }
    }

    private void open(SessionRoute hint) {
        Optional<StoredSession> found = connection().open(SessionKey.web(runtime.scope(), hint.sessionId()), hint);
        if (found.isEmpty()) {
            return;
        }
        StoredSession stored = found.get();
        SessionState state = stored.state();
        if (SessionRuntime.overdue(state, accessTime)) {
            runtime.expiredOnOpen(stored.key().id(), state);
            return;
        }
        standing.stored(stored, connection());
        session = newSession(standing.key.id(), state, createdHere);
        if (stored.arrived()) {
            arrival = session;
        }
    }

    private ReplicatedSession createSession() {
        String id = connection().newSessionId();
        standing.fresh(SessionKey.web(runtime.scope(), id));
        createdHere = true;
        session = newSession(id, new SessionState(accessTime, accessTime, runtime.settings().maxInactiveSeconds(),
                Map.of()), true);
        return session;
    }

    private ReplicatedSession newSession(String id, SessionState state, boolean isNew) {
        ReplicatedSession[] self = new ReplicatedSession[1];
        SessionAttributes attributes = runtime.attributes(state.attributes(), connection(), loader,
                () -> self[0] == null ? id : self[0].getId());
        self[0] = new ReplicatedSession(id, state.creationTime(), state.lastAccessedTime(), state.maxInactiveSeconds(),
                isNew, attributes, runtime.listeners(), runtime.servletContext(), this);
        return self[0];
    }

    private ReplicatedSession takeArrival() {
        ReplicatedSession arrived = arrival;
        arrival = null;
        return arrived;
    }

    /** A session that arrived by takeover: {@code sessionDidActivate} on its values (outside the lock). */
    private void activate(ReplicatedSession arrived) {
        if (arrived != null) {
            runtime.stats().sessionsArrived.incrementAndGet();
            int told = runtime.listeners().activated(arrived, arrived.attributes().materializeAll());
            WebLog.W013.log(runtime.logger(), arrived.getId(), told);
        }
    }

    private void replicate() {
        if (session == null || !session.isValid()) {
            return;
        }
        String during = standing.persisted ? "commit" : "create";
        try {
            if (!standing.persisted && createFailed) {
                // a create that failed (e.g. its SYNC wait timed out) may have stored the session all the same:
                // then the next commit point sends everything as a change instead of creating it twice
                connection().open(standing.key, null).ifPresent(stored -> standing.stored(stored, connection()));
            }
            if (!standing.persisted) {
                createFailed = true;
                ReplicatedSession s = session;
                StoredSession created = s.attributes().snapshot(attributes -> connection().create(standing.key,
                        new SessionState(s.creationTime(), accessTime, s.getMaxInactiveInterval(), attributes)));
                s.maxInactiveReplicated(created.state().maxInactiveSeconds());
                standing.stored(created, connection());
                createFailed = false;
                replicated = true;
                return;
            }
            Integer maxInactive = session.pendingMaxInactive();
            CommitReceipt receipt = session.attributes().commit(delta -> delta.isEmpty() && maxInactive == null ? null
                    : withOwnership("commit", k -> connection().commit(k, new SessionChanges(delta.set(),
                            delta.removed(), accessTime, maxInactive))));
            if (receipt != null) {
                standing.at(receipt.route(), receipt.version(), receipt.protection(), connection());
                replicated = true;
                if (maxInactive != null) {
                    session.maxInactiveReplicated(maxInactive);
                }
            }
        } catch (RuntimeException e) {
            WebLog.W022.logCounted(runtime.logger(), runtime.stats().replicationFailures.incrementAndGet(),
                    standing.key.id(), during, e.toString());
            throw e;
        }
    }

    private void writeCookie() {
        boolean live = session != null && session.isValid();
        if (live && !standing.persisted) {
            return; // its creation failed: there is nothing to name yet
        }
        cookie.update(live ? standing.route : null, target -> connection().encodeRoute(target));
    }

    /** {@link SessionStanding#withOwnership}; a session lost everywhere is gone for the application too. */
    private <T> T withOwnership(String during, Function<SessionKey, T> operation) {
        return standing.withOwnership(during, connection(), operation, session::gone);
    }

    private ReplicationConnection connection() {
        if (connection == null) {
            if (closed) {
                throw new IllegalStateException("The request is complete: its session can no longer be replicated");
            }
            connection = runtime.connect();
        }
        return connection;
    }
}
