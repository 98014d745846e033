package dev.understudy.core.model;

import java.util.Objects;

/**
 * A node as the cluster sees it: its id, its random 63-bit number and its topology.
 *
 * <p>The number is drawn afresh at every start. It serves the sum encoding of routes (seed ¶66) and tells
 * incarnations apart: frames addressed to an earlier incarnation of a node are dropped by the new one.
 */
public record NodeInfo(NodeId id, long number, Topology topology) {
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topology, "topology");
        if (number <= 0) {
            throw new IllegalArgumentException("Node number must be a positive 63-bit value: " + number);
        }
    }
}
