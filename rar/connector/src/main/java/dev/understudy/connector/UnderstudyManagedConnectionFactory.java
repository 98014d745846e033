package dev.understudy.connector;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Makes the {@link ReplicationConnectionFactory} applications look up and the managed connections behind it.
 * A JavaBean; {@link #equals} and {@link #hashCode} compare its configuration only.
 *
 * <p>Its one property, {@code allowDegraded}, belongs to a connection pool rather than to the node: whether an
 * application gets connections while the broker is unreachable (true: sessions are served unprotected and
 * resynced later; false: {@code getConnection()} fails, for applications that rather show an error).
 */
@ConnectionDefinition(
        connectionFactory = ReplicationConnectionFactory.class,
        connectionFactoryImpl = UnderstudyConnectionFactoryImpl.class,
        connection = ReplicationConnection.class,
        connectionImpl = UnderstudyConnectionHandle.class)
public class UnderstudyManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory, TransactionSupport {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "true", description = "Hand out connections while the broker is unreachable"
            + " (sessions served unprotected, resynced later); false: getConnection fails instead.")
    private Boolean allowDegraded = Boolean.TRUE;

    private transient UnderstudyResourceAdapter adapter;
    private transient PrintWriter logWriter;

    public Boolean getAllowDegraded() {
        return allowDegraded;
    }

    public void setAllowDegraded(Boolean allowDegraded) {
        this.allowDegraded = allowDegraded;
    }

    boolean isDegradedAllowed() {
        return !Boolean.FALSE.equals(allowDegraded);
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        return new UnderstudyConnectionFactoryImpl(this, manager);
    }

    /** Outside a container: every connection gets its own managed connection, destroyed when closed. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return new UnderstudyConnectionFactoryImpl(this, new DefaultConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        UnderstudyResourceAdapter ra = adapter();
        ra.runtime(); // fails when stopped
        return new UnderstudyManagedConnection(this, ra);
    }

    /** The first usable connection created by a factory configured like this one; {@code null} if none. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof UnderstudyManagedConnection mc && equals(mc.factory()) && mc.isUsable()) {
                return mc;
            }
        }
        return null;
    }

    /** The connections the container should discard: destroyed, failed with the broker, or the adapter stopped. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set invalid = new HashSet<>();
        for (Object c : connections) {
            if (c instanceof UnderstudyManagedConnection mc && !mc.isUsable()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.NoTransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    /** Called once by the container, before any other method. */
    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof UnderstudyResourceAdapter understudy)) {
            throw new ResourceException("Not the Understudy resource adapter: " + ra);
        }
        if (adapter != null && adapter != understudy) {
            throw new IllegalStateException("This managed connection factory is already associated with an adapter");
        }
        adapter = understudy;
    }

    /** The associated adapter; {@link ResourceException} if none. */
    UnderstudyResourceAdapter adapter() throws ResourceException {
        UnderstudyResourceAdapter ra = adapter;
        if (ra == null) {
            throw new ResourceException("The managed connection factory is not associated with the Understudy"
                    + " resource adapter");
        }
        return ra;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnderstudyManagedConnectionFactory other
                && isDegradedAllowed() == other.isDegradedAllowed();
    }

    @Override
    public int hashCode() {
        return Objects.hash(UnderstudyManagedConnectionFactory.class, isDegradedAllowed());
    }
}
