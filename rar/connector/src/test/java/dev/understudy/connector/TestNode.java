package dev.understudy.connector;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.core.model.SessionKey;
import jakarta.resource.ResourceException;
import java.util.Optional;

/**
 * One server's worth of adapter, as a container would wire it: the resource adapter started with a stub
 * bootstrap context, a managed connection factory associated with it, and a connection factory over a
 * recording, pooling connection manager.
 */
final class TestNode implements AutoCloseable {
    static final String ROUTE_SECRET = "0123456789abcdef0123456789abcdef";

    final UnderstudyResourceAdapter adapter;
    final UnderstudyManagedConnectionFactory mcf = new UnderstudyManagedConnectionFactory();
    final RecordingConnectionManager manager = new RecordingConnectionManager();
    final StubBootstrapContext context = new StubBootstrapContext();
    final ReplicationConnectionFactory factory;

    private TestNode(UnderstudyResourceAdapter adapter) throws ResourceException {
        this.adapter = adapter;
        mcf.setResourceAdapter(adapter);
        this.factory = (ReplicationConnectionFactory) mcf.createConnectionFactory(manager);
    }

    /** An adapter configured for tests: fast heartbeats, short timeouts. Not started. */
    static UnderstudyResourceAdapter configured(String nodeId, String cluster, String brokerUrl) {
        UnderstudyResourceAdapter ra = new UnderstudyResourceAdapter();
        ra.setNodeId(nodeId);
        ra.setClusterName(cluster);
        ra.setBrokerUrl(brokerUrl);
        ra.setRouteSecret(ROUTE_SECRET);
        ra.setHeartbeatIntervalMillis(200L);
        ra.setFailureTimeoutMillis(1_500L);
        ra.setFetchTimeoutMillis(1_500L);
        ra.setSyncTimeoutMillis(5_000L);
        return ra;
    }

    static TestNode start(String nodeId, String cluster, String brokerUrl) throws ResourceException {
        return start(configured(nodeId, cluster, brokerUrl));
    }

    static TestNode start(UnderstudyResourceAdapter adapter) throws ResourceException {
        TestNode node = new TestNode(adapter);
        adapter.start(node.context);
        return node;
    }

    ReplicationConnection connect() {
        return factory.getConnection();
    }

    /** What this node's engine holds of {@code key}, without taking anything over. */
    Optional<LocalCopy> peek(dev.understudy.api.SessionKey key) throws ResourceException {
        return adapter.runtime().engine().peek(new SessionKey(key.kind(), key.scope(), key.id()));
    }

    @Override
    public void close() {
        adapter.stop();
        context.close();
    }
}
