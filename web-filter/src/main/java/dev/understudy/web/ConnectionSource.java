package dev.understudy.web;

import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Finds the adapter's connection factory by JNDI, lazily: the filter may start before the resource adapter's
 * connection factory exists (Payara Micro {@code --postdeploycommandfile}, or a RAR deployed after the WAR), so
 * a failed lookup at init is only a warning ({@code US-W002}) and is retried — at most every
 * {@link #RETRY_NANOS} — when a request needs a session. Such a request fails ({@code US-W004},
 * {@link ReplicationException}: a 500) rather than falling back to unreplicated container sessions.
 */
final class ConnectionSource {

    /** How the factory is looked up (JNDI in the container, a map in tests). */
    @FunctionalInterface
    interface Lookup {
        Object lookup(String name) throws Exception;
    }

    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final List<String> names;
    private final Lookup lookup;
    private final Consumer<ReplicationConnectionFactory> onFound;
    private final Logger logger;
    private final LongSupplier nanoClock;
    private final AtomicLong failures = new AtomicLong();
    private volatile ReplicationConnectionFactory factory;
    private long nextAttempt;
    private boolean attempted;

    /**
     * @param names tried in order
     * @param onFound called once, with the factory, when it is first found (registers the expiry listener)
     */
    ConnectionSource(List<String> names, Lookup lookup, Consumer<ReplicationConnectionFactory> onFound,
            Logger logger, LongSupplier nanoClock) {
        this.names = List.copyOf(names);
        this.lookup = lookup;
        this.onFound = onFound;
        this.logger = logger;
        this.nanoClock = nanoClock;
    }

    /** The factory, if found so far. */
    ReplicationConnectionFactory current() {
        return factory;
    }

    /**
     * The factory, looking it up if it was not found yet.
     *
     * @throws ReplicationException no factory under any of the names
     */
    ReplicationConnectionFactory get() {
        ReplicationConnectionFactory found = factory;
        if (found == null) {
            found = tryResolve(false);
            if (found == null) {
                WebLog.W004.logCounted(logger, failures.incrementAndGet(), String.join(", ", names));
                throw new ReplicationException("No Understudy connection factory under " + String.join(", ", names)
                        + ": is the resource adapter deployed and its connection factory created?");
            }
        }
        return found;
    }

    /**
     * Looks the factory up now (at init: {@code force}) or if the retry interval has passed; {@code null} if
     * not found.
     */
    synchronized ReplicationConnectionFactory tryResolve(boolean force) {
        if (factory != null) {
            return factory;
        }
        long now = nanoClock.getAsLong();
        if (!force && attempted && now - nextAttempt < 0) {
            return null;
        }
        attempted = true;
        nextAttempt = now + RETRY_NANOS;
        StringBuilder why = new StringBuilder();
        for (String name : names) {
            try {
                Object candidate = lookup.lookup(name);
                if (candidate instanceof ReplicationConnectionFactory) {
                    factory = (ReplicationConnectionFactory) candidate;
                    WebLog.W003.log(logger, name);
                    onFound.accept(factory);
                    return factory;
                }
                why.append(name).append(": ").append(candidate == null ? "null" : candidate.getClass().getName()
                        + " does not implement ReplicationConnectionFactory as this application sees it (understudy-api"
                        + " must be provided, not in WEB-INF/lib)").append("; ");
            } catch (Exception e) {
                why.append(name).append(": ").append(e).append("; ");
            }
        }
        if (force || failures.get() == 0) {
            WebLog.W002.log(logger, String.join(", ", names), why);
        }
        return null;
    }
}
