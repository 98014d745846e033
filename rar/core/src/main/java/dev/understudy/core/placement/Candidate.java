package dev.understudy.core.placement;

import dev.understudy.core.model.NodeInfo;

/** A live node that could back a session: its topology distance from the primary and its load. */
public record Candidate(NodeInfo node, long load) {
}
