package dev.understudy.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the web filter publishes, for the thread serving a request, the request's replicated session, and where
 * the bean interceptors find it: a session-scoped bean's state is kept in the HTTP session it belongs to
 * ({@link SessionEntries}), so it follows that session through failover, id changes and invalidation.
 *
 * <p>Bindings nest: {@link #bind} returns a {@link Scope} whose {@code close()} restores what was bound before
 * (a forward or include runs inside the same request).
 */
public final class CurrentSession {

    /** What a request offers: its replicated session, created on demand. */
    @FunctionalInterface
    public interface Source {
        /**
         * The request's session entries; empty if the request has no session and {@code create} is false, or
         * the session cannot be created (the response is committed).
         */
        Optional<SessionEntries> entries(boolean create);
    }

    /** A binding; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Source> CURRENT = new ThreadLocal<>();

    private CurrentSession() {
    }

    /** Binds {@code source} to this thread until the returned scope is closed. */
    public static Scope bind(Source source) {
        Objects.requireNonNull(source, "source");
        Source previous = CURRENT.get();
        CURRENT.set(source);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Whether this thread serves a request whose application uses the web filter. */
    public static boolean isBound() {
        return CURRENT.get() != null;
    }

    /** The current request's session entries; empty when nothing is bound (see {@link Source#entries}). */
    public static Optional<SessionEntries> entries(boolean create) {
        Source source = CURRENT.get();
        return source == null ? Optional.empty() : source.entries(create);
    }
}
