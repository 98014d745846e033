package dev.understudy.web;

import dev.understudy.api.CurrentSession;
import dev.understudy.api.SessionEntries;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bean interceptors' view of one request's replicated session ({@link SessionEntries}), published by the
 * filter through {@link CurrentSession} for the time the chain runs. The entries live in the session's
 * {@link SessionAttributes} under a reserved name ({@link SessionAttributes#ENTRY_PREFIX}): they travel with the
 * session's other changes at its commit points, follow it through takeover and {@code changeSessionId}, and die
 * with it, while the application never sees them.
 *
 * <p>A view is tied to one {@link ReplicatedSession}: once that session is invalidated, the view reads nothing
 * and writes nothing, even if the request then creates another session (whose entries start empty).
 */
final class SessionEntriesView implements SessionEntries {

    private final ReplicatedSession session;
    private final RequestContext context;

    private SessionEntriesView(ReplicatedSession session, RequestContext context) {
        this.session = session;
        this.context = context;
    }

    /**
     * What {@code context}'s request offers: its session, created as {@code getSession(true)} creates it
     * (listeners, cookie), but empty instead of {@link IllegalStateException} once the response is committed.
     */
    static CurrentSession.Source source(RequestContext context) {
        Objects.requireNonNull(context, "context");
        return create -> Optional.ofNullable(context.getSession(create, false))
                .map(session -> new SessionEntriesView(session, context));
    }

    @Override
    public String sessionId() {
        return session.getId();
    }

    @Override
    public long creationTime() {
        return session.creationTime();
    }

    @Override
    public boolean isValid() {
        return session.isValid();
    }

    @Override
    public String deserializationFilter() {
        return context.deserializationFilter();
    }

    @Override
    public Optional<byte[]> get(String name) {
        return isValid() ? session.attributes().entry(name) : Optional.empty();
    }

    @Override
    public Map<String, byte[]> getAll(String prefix) {
        return isValid() ? session.attributes().entries(prefix) : Map.of();
    }

    @Override
    public void put(String name, byte[] bytes) {
        if (isValid()) {
            session.attributes().putEntry(name, bytes);
        }
    }

    @Override
    public void remove(String name) {
        if (isValid()) {
            session.attributes().removeEntry(name);
        }
    }

    @Override
    public String toString() {
        return "SessionEntriesView[" + session + "]";
    }
}
