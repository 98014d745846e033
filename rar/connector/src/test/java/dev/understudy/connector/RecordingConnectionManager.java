package dev.understudy.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trivial pooling connection manager, as a container would behave: reuses a free managed connection when the
 * factory matches it, returns it to the pool (after {@code cleanup()}) on {@code CONNECTION_CLOSED}, destroys it
 * on {@code CONNECTION_ERROR_OCCURRED}; and records every event.
 */
final class RecordingConnectionManager implements ConnectionManager, ConnectionEventListener {
    private static final long serialVersionUID = 1L;

    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    final List<ManagedConnection> created = new CopyOnWriteArrayList<>();
    private final List<ManagedConnection> free = new ArrayList<>();

    @Override
    public synchronized Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection mc = factory.matchManagedConnections(new HashSet<>(free), null, info);
        if (mc == null) {
            mc = factory.createManagedConnection(null, info);
            mc.addConnectionEventListener(this);
            created.add(mc);
        } else {
            free.remove(mc);
        }
        return mc.getConnection(null, info);
    }

    synchronized List<ManagedConnection> free() {
        return List.copyOf(free);
    }

    List<Integer> eventTypes() {
        return events.stream().map(ConnectionEvent::getId).toList();
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
        ManagedConnection mc = (ManagedConnection) event.getSource();
        synchronized (this) {
            try {
                mc.cleanup();
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
            free.add(mc);
        }
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
        ManagedConnection mc = (ManagedConnection) event.getSource();
        synchronized (this) {
            free.remove(mc);
        }
        try {
            mc.destroy();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }
}
