package dev.understudy.web;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionState;
import dev.understudy.api.SizeLimits;
import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What every request of one application shares: the settings, the connection factory, the listeners, the
 * marshalling setup and the counters. Built by the filter's {@code init}; requests get a {@link RequestContext}
 * each.
 */
final class SessionRuntime {

    /** Reject-all class patterns, used when the adapter's own patterns cannot be had. */
    static final String REJECT_ALL_PATTERNS = "!*";

    /** The adapter settings that shape deserialization, as last seen by a request (for the expiry path). */
    private record AdapterView(String patterns, SizeLimits limits) {
    }

    private final FilterSettings settings;
    private final ServletContext servletContext;
    private final String scope;
    private final ConnectionSource connections;
    private final SessionListeners listeners;
    private final Immutability immutability;
    private final DeserializationFilters filters;
    private final WebStats stats;
    private final Logger logger;
    private final LongSupplier clock;
    private volatile AdapterView lastSeen;

    /**
     * @param scope the sessions' scope: the context path
     * @param clock wall-clock milliseconds (session times)
     */
    SessionRuntime(FilterSettings settings, ServletContext servletContext, String scope, ConnectionSource connections,
            SessionListeners listeners, WebStats stats, Logger logger, LongSupplier clock) {
        this.settings = settings;
        this.servletContext = servletContext;
        this.scope = scope;
        this.connections = connections;
        this.listeners = listeners;
        this.immutability = new Immutability(settings.immutableClasses());
        this.filters = new DeserializationFilters(settings.maxDepth(), settings.maxRefs(), logger);
        this.stats = stats;
        this.logger = logger;
        this.clock = clock;
    }

    /** A connection handle for one request. */
    ReplicationConnection connect() {
        return connections.get().getConnection();
    }

    /** The attributes of a session a request serves, marshalled on {@code loader} under the adapter's rules. */
    SessionAttributes attributes(Map<String, byte[]> stored, ReplicationConnection connection, ClassLoader loader,
            Supplier<String> sessionId) {
        AdapterView view = new AdapterView(connection.deserializationFilter(), connection.limits());
        lastSeen = view;
        return attributes(stored, view, loader, sessionId);
    }

    /**
     * The attributes of a session that expired (no request): the adapter settings a request last saw, else
     * fetched through a connection, else reject-all (every value then quarantined, and said so).
     */
    SessionAttributes expiredAttributes(Map<String, byte[]> stored, ClassLoader loader, Supplier<String> sessionId) {
        AdapterView view = lastSeen;
        if (view == null) {
            try (ReplicationConnection connection = connect()) {
                view = new AdapterView(connection.deserializationFilter(), connection.limits());
            } catch (RuntimeException e) {
                view = new AdapterView(REJECT_ALL_PATTERNS, new SizeLimits(0, 0));
            }
        }
        return attributes(stored, view, loader, sessionId);
    }

    private SessionAttributes attributes(Map<String, byte[]> stored, AdapterView view, ClassLoader loader,
            Supplier<String> sessionId) {
        long maxAttributeBytes = view.limits().maxAttributeBytes();
        AttributeMarshaller marshaller = new AttributeMarshaller(loader, filters.get(view.patterns(),
                maxAttributeBytes), maxAttributeBytes);
        return new SessionAttributes(stored, marshaller, immutability, view.limits().maxSessionBytes(),
                problems(sessionId));
    }

    /** Quarantines and unreplicable in-place changes: logged with a code and counted. */
    SessionAttributes.Problems problems(Supplier<String> sessionId) {
        return new SessionAttributes.Problems() {
            @Override
            public void quarantined(String name, String reason, Throwable cause) {
                WebLog.W030.logCounted(logger, stats.quarantined.incrementAndGet(), name, sessionId.get(), reason);
            }

            @Override
            public void notReplicable(String name, RuntimeException cause) {
                WebLog.W031.logCounted(logger, stats.notReplicable.incrementAndGet(), name, sessionId.get(),
                        cause.getMessage());
            }
        };
    }

    /** Whether a stored session was already past its max inactive interval at {@code now}. */
    static boolean overdue(SessionState state, long now) {
        return state.maxInactiveSeconds() > 0
                && now - state.lastAccessedTime() > state.maxInactiveSeconds() * 1000L;
    }

    void expiredOnOpen(String id, SessionState state) {
        WebLog.W011.logCounted(logger, stats.expiredOnOpen.incrementAndGet(), id, state.lastAccessedTime(),
                state.maxInactiveSeconds());
    }

    FilterSettings settings() {
        return settings;
    }

    SessionCookie cookie() {
        return settings.cookie();
    }

    ServletContext servletContext() {
        return servletContext;
    }

    String scope() {
        return scope;
    }

    SessionListeners listeners() {
        return listeners;
    }

    WebStats stats() {
        return stats;
    }

    Logger logger() {
        return logger;
    }

    long now() {
        return clock.getAsLong();
    }
}
