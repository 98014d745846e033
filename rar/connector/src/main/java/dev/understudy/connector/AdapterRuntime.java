package dev.understudy.connector;

import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.engine.EngineStatus;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.engine.SessionEvents;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.route.RouteCodec;
import dev.understudy.transport.artemis.ArtemisTransport;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.time.Clock;
import java.util.List;

/**
 * What exists while the adapter is started: its settings, the engine, the transport under it and the route
 * codec. Built by {@link #start}, ended by {@link #stop}; never restarted (a new start builds a new one).
 */
final class AdapterRuntime {
    private final AdapterSettings settings;
    private final ReplicationEngine engine;
    private final ObservedTransport transport;
    private final RouteCodec routes;

    private AdapterRuntime(AdapterSettings settings, ReplicationEngine engine, ObservedTransport transport) {
        this.settings = settings;
        this.engine = engine;
        this.transport = transport;
        this.routes = new RouteCodec(settings.routeKeys(), Clock.systemUTC());
    }

    /**
     * Builds and starts the transport and the engine. Does not wait for the broker: the transport connects (and
     * reconnects) by itself.
     */
    static AdapterRuntime start(AdapterSettings settings, SessionEvents events, BrokerWatch watch)
            throws ResourceAdapterInternalException {
        EngineConfig config = settings.engineConfig();
        NodeId node = config.nodeId();
        AdapterLog.C001.log(UnderstudyResourceAdapter.LOG, node, settings.transportConfig().clusterName(),
                settings.transportConfig().redactedBrokerUrl(), config.mode(), config.topology());
        ObservedTransport transport = new ObservedTransport(
                new ArtemisTransport(settings.transportConfig(), AdapterThreads.transport()), watch);
        ReplicationEngine engine = new ReplicationEngine(config, transport, events, AdapterThreads.engine(node));
        try {
            engine.start();
        } catch (RuntimeException e) {
            engine.close();
            AdapterLog.C005.log(UnderstudyResourceAdapter.LOG, e, e.toString());
            throw new ResourceAdapterInternalException("The Understudy engine of " + node + " did not start: " + e,
                    e);
        }
        AdapterLog.C002.log(UnderstudyResourceAdapter.LOG, node);
        return new AdapterRuntime(settings, engine, transport);
    }

    AdapterSettings settings() {
        return settings;
    }

    ReplicationEngine engine() {
        return engine;
    }

    RouteCodec routes() {
        return routes;
    }

    /** Cheap: no call to the engine thread. */
    boolean brokerConnected() {
        return transport.isConnected();
    }

    AdapterHealth health() {
        String node = settings.nodeId().value();
        boolean connected = transport.isConnected();
        EngineStatus status;
        try {
            status = engine.status();
        } catch (RuntimeException e) {
            return new AdapterHealth(AdapterHealth.Status.UNHEALTHY, node, connected, false, List.of(),
                    "the engine does not answer: " + e.getMessage());
        }
        List<String> live = status.liveMembers().stream().map(NodeId::value).toList();
        if (!connected || !status.connected()) {
            return new AdapterHealth(AdapterHealth.Status.UNHEALTHY, node, false, status.leaseValid(), live,
                    "no connection to the broker " + settings.transportConfig().redactedBrokerUrl());
        }
        if (!status.leaseValid()) {
            return new AdapterHealth(AdapterHealth.Status.UNHEALTHY, node, true, false, live,
                    "the membership lease is not valid (yet): own heartbeats have not come back in time");
        }
        return new AdapterHealth(AdapterHealth.Status.HEALTHY, node, true, true, live, "");
    }

    /**
     * Leaves gracefully (every served session handed to its secondary, the leave announced), which also ends the
     * engine thread and closes the transport. Never throws.
     */
    void stop() {
        NodeId node = settings.nodeId();
        AdapterLog.C003.log(UnderstudyResourceAdapter.LOG, node);
        try {
            engine.leave();
        } catch (RuntimeException e) {
            AdapterLog.C006.log(UnderstudyResourceAdapter.LOG, e, node, e.toString());
            engine.close();
        }
        AdapterLog.C004.log(UnderstudyResourceAdapter.LOG, node);
    }
}
