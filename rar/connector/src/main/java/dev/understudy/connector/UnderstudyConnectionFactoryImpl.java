package dev.understudy.connector;

import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import java.util.Optional;
import javax.naming.Reference;

/**
 * The {@link ReplicationConnectionFactory} bound in JNDI: every {@link #getConnection()} goes through the
 * container's {@link ConnectionManager} (its pool), which calls back the managed connection factory.
 * Thread-safe.
 */
public class UnderstudyConnectionFactoryImpl implements ReplicationConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final UnderstudyManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    UnderstudyConnectionFactoryImpl(UnderstudyManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public ReplicationConnection getConnection() {
        try {
            return (ReplicationConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new ReplicationException("No Understudy replication connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener) {
        adapter().setSessionEventListener(kind, scope, listener);
    }

    @Override
    public void removeSessionEventListener(SessionKind kind, String scope) {
        adapter().removeSessionEventListener(kind, scope);
    }

    /** The adapter's run-time management: settings, status, changes. */
    @Override
    public Optional<ReplicationAdmin> admin() {
        return Optional.of(adapter().admin());
    }

    private UnderstudyResourceAdapter adapter() {
        try {
            return factory.adapter();
        } catch (ResourceException e) {
            throw new ReplicationException(e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
