package dev.understudy.connector;

import java.util.List;

/**
 * The adapter's health, for readiness probes and the dashboard.
 *
 * @param status       {@link Status#HEALTHY} once started, connected to the broker and holding a valid lease
 * @param nodeId       this node's id ({@code null} when stopped)
 * @param brokerConnected whether the broker connection is up
 * @param leaseValid   whether this node's membership lease is valid (its own heartbeats come back in time)
 * @param liveMembers  the other nodes this node believes alive
 * @param detail       why it is not healthy, for humans
 */
public record AdapterHealth(Status status, String nodeId, boolean brokerConnected, boolean leaseValid,
        List<String> liveMembers, String detail) {

    public AdapterHealth {
        liveMembers = List.copyOf(liveMembers);
    }

    /** From stopped to fully working. */
    public enum Status {
        /** Not started, or stopped. */
        STOPPED,
        /** Started, but without a broker connection or a valid lease: sessions are served unprotected. */
        UNHEALTHY,
        /** Started, connected and holding its lease: changes reach secondaries. */
        HEALTHY
    }

    public boolean healthy() {
        return status == Status.HEALTHY;
    }

    static AdapterHealth stopped() {
        return new AdapterHealth(Status.STOPPED, null, false, false, List.of(), "the adapter is not started");
    }
}
