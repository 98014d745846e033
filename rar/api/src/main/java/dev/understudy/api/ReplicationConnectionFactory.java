package dev.understudy.api;

import java.util.Optional;

/**
 * The resource adapter's connection factory, as applications see it (looked up by JNDI, {@code @Resource} or
 * {@code @ConnectionFactoryDefinition}). Thread-safe.
 */
public interface ReplicationConnectionFactory {
    /**
     * A connection handle to the node's replication engine. Cheap: take one per request and close it at the
     * end (try-with-resources).
     *
     * @throws ReplicationException the adapter is stopped or not configured
     */
    ReplicationConnection getConnection();

    /** Registers {@code listener} for sessions of {@code kind} in {@code scope}; replaces an earlier one. */
    void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener);

    /** Removes the listener of {@code kind} in {@code scope} (on undeploy). */
    void removeSessionEventListener(SessionKind kind, String scope);

    /**
     * What an operator sees and changes on this node at run time (settings, status, readiness, counters); empty
     * where there is no such thing (e.g. a test double). The resource adapter always has it.
     */
    default Optional<ReplicationAdmin> admin() {
        return Optional.empty();
    }
}
