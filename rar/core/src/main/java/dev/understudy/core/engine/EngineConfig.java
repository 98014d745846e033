package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Topology;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an engine is started with, validated once. Mode, batching and the admin pairing can change later
 * through {@link ReplicationEngine#setMode}, {@link ReplicationEngine#setBatching} and
 * {@link ReplicationEngine#setPreferredSecondary} (in force: {@link ReplicationEngine#settings()}); the rest is
 * fixed for the engine's life. Build with {@link #builder(NodeId)}; a wrong value fails {@link Builder#build()} with an
 * {@link IllegalArgumentException} naming the property.
 */
public record EngineConfig(
        NodeId nodeId,
        Topology topology,
        ReplicationMode mode,
        int batchSize,
        Duration batchDelay,
        Duration syncTimeout,
        Duration heartbeatInterval,
        Duration failureTimeout,
        Duration fetchTimeout,
        Duration digestInterval,
        Duration expiryInterval,
        NodeId preferredSecondary,
        long maxSessionBytes,
        long maxAttributeBytes) {

    public EngineConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(mode, "mode");
        requireRange("batchSize", batchSize, 1, 100_000);
        requirePositive("batchDelay", batchDelay);
        requirePositive("syncTimeout", syncTimeout);
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("failureTimeout", failureTimeout);
        requirePositive("fetchTimeout", fetchTimeout);
        requirePositive("digestInterval", digestInterval);
        requirePositive("expiryInterval", expiryInterval);
        if (failureTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("failureTimeout (" + failureTimeout.toMillis()
                    + " ms) must be at least twice heartbeatInterval (" + heartbeatInterval.toMillis() + " ms)");
        }
        if (nodeId.equals(preferredSecondary)) {
            throw new IllegalArgumentException("preferredSecondary must not be the node itself: " + nodeId);
        }
        requireRange("maxAttributeBytes", maxAttributeBytes, 1, Integer.MAX_VALUE);
        requireRange("maxSessionBytes", maxSessionBytes, maxAttributeBytes, Long.MAX_VALUE);
    }

    public static Builder builder(NodeId nodeId) {
        return new Builder(nodeId);
    }

    public Builder toBuilder() {
        return new Builder(nodeId).topology(topology).mode(mode).batchSize(batchSize).batchDelay(batchDelay)
                .syncTimeout(syncTimeout).heartbeatInterval(heartbeatInterval).failureTimeout(failureTimeout)
                .fetchTimeout(fetchTimeout).digestInterval(digestInterval).expiryInterval(expiryInterval)
                .preferredSecondary(preferredSecondary).maxSessionBytes(maxSessionBytes)
                .maxAttributeBytes(maxAttributeBytes);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    /** Defaults suit a LAN cluster: heartbeats every second, a peer declared dead after five. */
    public static final class Builder {
        private final NodeId nodeId;
        private Topology topology = Topology.UNKNOWN;
        private ReplicationMode mode = ReplicationMode.SYNC;
        private int batchSize = 64;
        private Duration batchDelay = Duration.ofMillis(20);
        private Duration syncTimeout = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration failureTimeout = Duration.ofSeconds(5);
        private Duration fetchTimeout = Duration.ofSeconds(2);
        private Duration digestInterval = Duration.ofSeconds(10);
        private Duration expiryInterval = Duration.ofSeconds(5);
        private NodeId preferredSecondary;
        private long maxSessionBytes = 16L << 20;
        private long maxAttributeBytes = 4L << 20;

        private Builder(NodeId nodeId) {
            this.nodeId = nodeId;
        }

        public Builder topology(Topology v) {
            topology = v;
            return this;
        }

        public Builder mode(ReplicationMode v) {
            mode = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder batchDelay(Duration v) {
            batchDelay = v;
            return this;
        }

        public Builder syncTimeout(Duration v) {
            syncTimeout = v;
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = v;
            return this;
        }

        public Builder failureTimeout(Duration v) {
            failureTimeout = v;
            return this;
        }

        public Builder fetchTimeout(Duration v) {
            fetchTimeout = v;
            return this;
        }

        public Builder digestInterval(Duration v) {
            digestInterval = v;
            return this;
        }

        public Builder expiryInterval(Duration v) {
            expiryInterval = v;
            return this;
        }

        public Builder preferredSecondary(NodeId v) {
            preferredSecondary = v;
            return this;
        }

        public Builder maxSessionBytes(long v) {
            maxSessionBytes = v;
            return this;
        }

        public Builder maxAttributeBytes(long v) {
            maxAttributeBytes = v;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(nodeId, topology, mode, batchSize, batchDelay, syncTimeout, heartbeatInterval,
                    failureTimeout, fetchTimeout, digestInterval, expiryInterval, preferredSecondary,
                    maxSessionBytes, maxAttributeBytes);
        }
    }
}
