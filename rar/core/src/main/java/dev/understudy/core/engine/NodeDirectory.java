package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every node this engine has heard of since it started (itself included), by id and by random number: what
 * decoding a summed route (seed ¶66) needs. A node that died stays known, so a route naming it as primary
 * still decodes on the node taking it over; a restarted node replaces its old number. Bounded (oldest
 * forgotten first). Thread-safe: written on the engine thread, read by request threads.
 */
public final class NodeDirectory {
    static final int CAPACITY = 4096;

    private final Map<NodeId, Long> numbers = new LinkedHashMap<>();
    private final Map<Long, NodeId> ids = new LinkedHashMap<>();

    NodeDirectory(NodeInfo self) {
        record(self);
    }

    synchronized void record(NodeInfo node) {
        Long old = numbers.remove(node.id());
        if (old != null) {
            ids.remove(old);
        }
        numbers.put(node.id(), node.number());
        ids.put(node.number(), node.id());
        while (numbers.size() > CAPACITY) {
            NodeId eldest = numbers.keySet().iterator().next();
            ids.remove(numbers.remove(eldest));
        }
    }

    public synchronized OptionalLong numberOf(NodeId id) {
        Long n = numbers.get(id);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    public synchronized Optional<NodeId> byNumber(long number) {
        return Optional.ofNullable(ids.get(number));
    }
}
