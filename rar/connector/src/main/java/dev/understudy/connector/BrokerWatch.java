package dev.understudy.connector;

import dev.understudy.core.model.NodeId;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.Set;

/**
 * Turns the transport's connection events into what the container must hear: when the broker connection
 * fails, every live managed connection reports {@code CONNECTION_ERROR_OCCURRED} (see
 * {@link UnderstudyManagedConnection#brokerFailed}). The fan-out runs on the {@link WorkManager} (the container's
 * pool reacts by destroying connections, which must not happen on the transport's event thread); inline if
 * there is no WorkManager or it refuses the work.
 */
final class BrokerWatch {
    private final WorkManager workManager;
    private final Set<UnderstudyManagedConnection> connections;

    BrokerWatch(WorkManager workManager, Set<UnderstudyManagedConnection> connections) {
        this.workManager = workManager;
        this.connections = connections;
    }

    void connected(NodeId node) {
        AdapterLog.C021.log(UnderstudyResourceAdapter.LOG, node);
    }

    void disconnected(NodeId node, Throwable cause) {
        List<UnderstudyManagedConnection> affected = List.copyOf(connections);
        AdapterLog.C020.log(UnderstudyResourceAdapter.LOG, node, String.valueOf(cause), affected.size());
        if (affected.isEmpty()) {
            return;
        }
        Exception reason = cause instanceof Exception e ? e : new IllegalStateException(String.valueOf(cause), cause);
        Runnable fanOut = () -> affected.forEach(c -> c.brokerFailed(reason));
        if (workManager == null) {
            fanOut.run();
            return;
        }
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    fanOut.run();
                }

                @Override
                public void release() {
                    // short task: nothing to interrupt
                }
            });
        } catch (WorkException | RuntimeException e) {
            AdapterLog.C022.log(UnderstudyResourceAdapter.LOG, e.toString());
            fanOut.run();
        }
    }
}
