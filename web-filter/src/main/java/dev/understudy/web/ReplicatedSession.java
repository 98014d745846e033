package dev.understudy.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The {@link HttpSession} the application gets from the filter's request: a handle on one replicated session
 * for one request (the next request gets a fresh handle on the stored state). Attribute storage and dirty
 * tracking live in {@link SessionAttributes}, events in {@link SessionListeners}, replication in whoever
 * serves the session ({@link Owner}): this class is the Servlet semantics only.
 *
 * <p>States: {@code VALID} → {@code INVALIDATING} (while {@code sessionDestroyed} listeners run and attributes
 * are unbound; the session still answers, as in Tomcat) → {@code INVALID}, where every method the Servlet 6
 * javadoc marks so throws {@link IllegalStateException}: the attribute methods, {@code invalidate},
 * {@code isNew}, {@code getCreationTime}, {@code getLastAccessedTime}. {@code getId},
 * {@code getServletContext} and the max inactive interval methods keep answering.
 */
final class ReplicatedSession implements HttpSession {

    /** Whoever serves the session. */
    interface Owner {
        /** The application invalidated the session (listeners ran, attributes unbound): remove it everywhere. */
        void invalidated(ReplicatedSession session);
    }

    enum State {
        VALID, INVALIDATING, INVALID
    }

    private final ServletContext servletContext;
    private final SessionAttributes attributes;
    private final SessionListeners listeners;
    private final Owner owner;
    private final long creationTime;
    private final long lastAccessedTime;
    private final boolean isNew;
    private volatile String id;
    private volatile int maxInactiveSeconds;
    private volatile boolean maxInactiveChanged;
    private volatile State state = State.VALID;

    /**
     * @param lastAccessedTime the previous request's access (the creation time for a new session)
     * @param isNew created during this request: the client does not know it yet
     */
    ReplicatedSession(String id, long creationTime, long lastAccessedTime, int maxInactiveSeconds, boolean isNew,
            SessionAttributes attributes, SessionListeners listeners, ServletContext servletContext, Owner owner) {
        this.id = Objects.requireNonNull(id, "id");
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.isNew = isNew;
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.servletContext = servletContext;
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public long getCreationTime() {
        checkValid("getCreationTime");
        return creationTime;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return lastAccessedTime;
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        maxInactiveSeconds = interval;
        maxInactiveChanged = true;
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactiveSeconds;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid("getAttribute");
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(attributes.names());
    }

    /**
     * As the Servlet specification orders it: the value is checked (it must be replicable: else
     * {@link IllegalArgumentException} and nothing changed), {@code valueBound} runs, the value is stored, then
     * {@code valueUnbound} on the value it replaced and {@code attributeAdded}/{@code attributeReplaced}.
     */
    @Override
    public void setAttribute(String name, Object value) {
        checkValid("setAttribute");
        if (name == null) {
            throw new IllegalArgumentException("Session attribute name must not be null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        byte[] bytes = attributes.prepare(name, value);
        if (value instanceof HttpSessionBindingListener) {
            listeners.bound(this, name, value, attributes.get(name));
        }
        Object previous = attributes.put(name, value, bytes);
        listeners.set(this, name, value, previous);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid("removeAttribute");
        Object previous = attributes.remove(name);
        if (previous != null) {
            listeners.removed(this, name, previous);
        }
    }

    /**
     * {@code sessionDestroyed} (in reverse declaration order), every attribute unbound with its events, then
     * the owner removes the session everywhere. The session is invalid afterwards even if that removal failed
     * (the failure propagates; the stored copy then ends by expiry).
     */
    @Override
    public void invalidate() {
        beginInvalidation("invalidate");
        try {
            unbindAll();
            owner.invalidated(this);
        } finally {
            state = State.INVALID;
        }
    }

    @Override
    public boolean isNew() {
        checkValid("isNew");
        return isNew;
    }

    /** The session expired (no request): the same events as {@link #invalidate()}, nothing to remove. */
    void expire() {
        beginInvalidation("expire");
        try {
            unbindAll();
        } finally {
            state = State.INVALID;
        }
    }

    private void beginInvalidation(String method) {
        synchronized (this) {
            if (state != State.VALID) {
                throw new IllegalStateException(method + ": session " + id + " has already been invalidated");
            }
            state = State.INVALIDATING;
        }
        listeners.destroyed(this);
    }

    private void unbindAll() {
        for (String name : attributes.names()) {
            Object previous = attributes.remove(name);
            if (previous != null) {
                listeners.removed(this, name, previous);
            }
        }
    }

    /** The session no longer exists (invalidated or expired elsewhere): invalid, without events here. */
    void gone() {
        state = State.INVALID;
    }

    /** Not invalidated (still usable while its invalidation runs, as in Tomcat). */
    boolean isValid() {
        return state != State.INVALID;
    }

    State state() {
        return state;
    }

    void changeId(String newId) {
        id = Objects.requireNonNull(newId, "newId");
    }

    long creationTime() {
        return creationTime;
    }

    SessionAttributes attributes() {
        return attributes;
    }

    /** The max inactive interval if the application changed it since the last replication, else {@code null}. */
    Integer pendingMaxInactive() {
        return maxInactiveChanged ? maxInactiveSeconds : null;
    }

    void maxInactiveReplicated(int replicated) {
        if (maxInactiveSeconds == replicated) {
            maxInactiveChanged = false;
        }
    }

    private void checkValid(String method) {
        if (state == State.INVALID) {
            throw new IllegalStateException(method + ": session " + id + " has been invalidated");
        }
    }

    @Override
    public String toString() {
        return "ReplicatedSession[" + id + ", " + state + "]";
    }
}
