package dev.understudy.ejb;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import java.util.logging.Logger;

/**
 * The adapter's connection factory, looked up lazily ({@link Environment#factoryNames()}) and kept once found; a
 * failed lookup is retried at most every 2 s, and meanwhile {@link #open()} fails with a clear message
 * ({@code US-B003}).
 */
final class Connections {
    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    private static final long RETRY_NANOS = 2_000_000_000L;
    private static volatile ReplicationConnectionFactory factory;
    private static volatile long lastFailure;
    private static volatile boolean failedOnce;

    private Connections() {
    }

    static ReplicationConnection open() {
        ReplicationConnectionFactory f = factory;
        if (f == null) {
            f = find();
        }
        return f.getConnection();
    }

    private static synchronized ReplicationConnectionFactory find() {
        if (factory != null) {
            return factory;
        }
        long now = System.nanoTime();
        if (failedOnce && now - lastFailure < RETRY_NANOS) {
            throw new ReplicationException(BeanLog.B003.render(Environment.factoryNames(), "(bean)",
                    "looked up less than 2 s ago", BeanStats.get().replicationFailures.get()));
        }
        ReplicationConnectionFactory found = Environment.connectionFactory().orElse(null);
        if (found == null) {
            failedOnce = true;
            lastFailure = now;
            throw new ReplicationException(BeanLog.B003.render(Environment.factoryNames(), "(bean)",
                    "not bound", BeanStats.get().replicationFailures.get()));
        }
        factory = found;
        return found;
    }
}
