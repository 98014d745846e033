package dev.understudy.core.placement;

import dev.understudy.core.model.NodeId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a secondary choice and why: what {@code explain} shows an operator.
 *
 * @param secondary  the chosen node, {@code null} when there was none to choose
 * @param reason     the rule that decided
 * @param considered every live candidate with its topology distance and load, best first
 */
public record Choice(NodeId secondary, Reason reason, List<Considered> considered) {

    public Choice {
        considered = List.copyOf(considered);
    }

    /** The rule that decided a choice, from the strongest protection to none. */
    public enum Reason {
        /** The administrator paired this node with that secondary, and it is alive. */
        ADMIN_PAIRING,
        /** The least-loaded live node in another zone. */
        OTHER_ZONE,
        /** No other zone available: the least-loaded live node on another rack. */
        OTHER_RACK,
        /** No other rack: the least-loaded live node on another machine. */
        OTHER_MACHINE,
        /** Only nodes on the same machine (or without topology labels): the least-loaded of them. */
        SAME_MACHINE,
        /** No other live node: the session is unprotected until one joins. */
        NONE_AVAILABLE
    }

    /** One candidate as it was weighed. */
    public record Considered(NodeId node, int distance, long load) {
    }

    /** One line for logs and the dashboard. */
    public String explain() {
        String list = considered.stream()
                .map(c -> c.node() + "(distance " + c.distance() + ", load " + c.load() + ")")
                .collect(Collectors.joining(", "));
        return switch (reason) {
            case NONE_AVAILABLE -> "no secondary: no other live node";
            case ADMIN_PAIRING -> secondary + ": admin pairing; candidates " + list;
            default -> secondary + ": " + reason.name().toLowerCase().replace('_', ' ')
                    + ", least loaded; candidates " + list;
        };
    }
}
