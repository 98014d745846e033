package dev.understudy.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled connection to the adapter's engine. It holds no physical resource of its own: the engine and its
 * one broker connection are shared by the whole adapter (ARCHITECTURE §2, STYLE §4), so creating and destroying
 * these is cheap. It hands out {@link UnderstudyConnectionHandle}s, which may move between managed connections
 * ({@link #associateConnection}).
 *
 * <p><b>Events.</b> A handle's {@code close()} reports {@code CONNECTION_CLOSED}. A broker failure reports
 * {@code CONNECTION_ERROR_OCCURRED}, so that the container's pool discards connections created before the
 * failure: at once for a connection without open handles, and when the last handle closes otherwise, so that a
 * request in flight finishes (degraded, its changes unprotected and resynced later) instead of failing. A
 * connection that saw a broker failure no longer matches ({@link #isUsable()}).
 *
 * <p>No transactions: {@link #getLocalTransaction()} and {@link #getXAResource()} throw
 * {@link NotSupportedException}.
 */
final class UnderstudyManagedConnection implements ManagedConnection {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final UnderstudyManagedConnectionFactory factory;
    private final UnderstudyResourceAdapter adapter;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<UnderstudyConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final Object events = new Object();
    private volatile boolean destroyed;
    private volatile Exception brokenBy;
    private boolean errorReported; // guarded by events
    private PrintWriter logWriter;

    UnderstudyManagedConnection(UnderstudyManagedConnectionFactory factory, UnderstudyResourceAdapter adapter) {
        this.factory = factory;
        this.adapter = adapter;
        adapter.register(this);
    }

    UnderstudyManagedConnectionFactory factory() {
        return factory;
    }

    AdapterRuntime runtimeOrNull() {
        return adapter.runtimeOrNull();
    }

    /** Not destroyed, no broker failure since it was created, and the adapter running. */
    boolean isUsable() {
        return !destroyed && brokenBy == null && adapter.runtimeOrNull() != null;
    }

    int openHandles() {
        return handles.size();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new ResourceException("Managed connection " + id + " is destroyed");
        }
        AdapterRuntime runtime = adapter.runtime();
        if (!factory.isDegradedAllowed() && !runtime.brokerConnected()) {
            throw new ResourceException("The broker is unreachable and allowDegraded is false: no replication"
                    + " connection for node " + runtime.settings().nodeId());
        }
        UnderstudyConnectionHandle handle = new UnderstudyConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof UnderstudyConnectionHandle handle)) {
            throw new ResourceException("Not an Understudy connection handle: " + connection);
        }
        if (destroyed) {
            throw new ResourceException("Managed connection " + id + " is destroyed");
        }
        UnderstudyManagedConnection previous = handle.managedConnection();
        if (previous == this) {
            return;
        }
        if (previous != null) {
            previous.handles.remove(handle);
        }
        handle.attach(this);
        handles.add(handle);
    }

    /** Invalidates every handle (the container is putting this connection back into its pool). */
    @Override
    public void cleanup() {
        int open = handles.size();
        if (open > 0) {
            AdapterLog.C041.log(UnderstudyResourceAdapter.LOG, id, open);
        }
        handles.forEach(UnderstudyConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        destroyed = true;
        cleanup();
        adapter.forget(this);
        listeners.clear();
    }

    /** Called by a handle's {@code close()}: reports {@code CONNECTION_CLOSED}, then a deferred broker error. */
    void handleClosed(UnderstudyConnectionHandle handle) {
        if (!handles.remove(handle)) {
            return;
        }
        ConnectionEvent closed = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        closed.setConnectionHandle(handle);
        listeners.forEach(l -> l.connectionClosed(closed));
        if (handles.isEmpty() && brokenBy != null) {
            reportError();
        }
    }

    /** The broker connection failed: report it now if idle, else when the last handle closes. */
    void brokerFailed(Exception cause) {
        if (destroyed) {
            return;
        }
        brokenBy = cause;
        if (handles.isEmpty()) {
            reportError();
        }
    }

    private void reportError() {
        synchronized (events) {
            if (errorReported || destroyed) {
                return;
            }
            errorReported = true;
        }
        Exception cause = brokenBy;
        AdapterLog.C040.log(UnderstudyResourceAdapter.LOG, id, listeners.size(), String.valueOf(cause));
        ConnectionEvent error = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        listeners.forEach(l -> l.connectionErrorOccurred(error));
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("The Understudy adapter does not take part in transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("The Understudy adapter does not take part in transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        AdapterRuntime runtime = adapter.runtimeOrNull();
        String user = runtime == null ? null : runtime.settings().transportConfig().user();
        return new UnderstudyConnectionMetaData(user == null ? "" : user);
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
    public String toString() {
        return "UnderstudyManagedConnection[" + id + (destroyed ? ", destroyed" : "")
                + (brokenBy != null ? ", broker failed" : "") + ", handles=" + handles.size() + "]";
    }
}
