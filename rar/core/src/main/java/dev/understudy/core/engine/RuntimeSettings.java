package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine settings an operator may change while it runs, as they are in force: they start as the
 * {@link EngineConfig} says and change through {@link ReplicationEngine#setMode},
 * {@link ReplicationEngine#setBatching} and {@link ReplicationEngine#setPreferredSecondary}.
 *
 * @param mode               when changes travel (see {@link ReplicationMode})
 * @param batchSize          BATCH: a batch leaves when this many messages are held
 * @param batchDelay         BATCH: a batch leaves when its oldest message is this old
 * @param preferredSecondary the admin pairing, {@code null} for the automatic choice
 */
public record RuntimeSettings(ReplicationMode mode, int batchSize, Duration batchDelay, NodeId preferredSecondary) {
    /** Largest batch size accepted, at start and at run time. */
    public static final int MAX_BATCH_SIZE = 100_000;

    public RuntimeSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(batchDelay, "batchDelay");
    }

    static RuntimeSettings of(EngineConfig config) {
        return new RuntimeSettings(config.mode(), config.batchSize(), config.batchDelay(), config.preferredSecondary());
    }

    RuntimeSettings withMode(ReplicationMode m) {
        return new RuntimeSettings(m, batchSize, batchDelay, preferredSecondary);
    }

    RuntimeSettings withBatching(int size, Duration delay) {
        return new RuntimeSettings(mode, size, delay, preferredSecondary);
    }

    RuntimeSettings withPreferredSecondary(NodeId node) {
        return new RuntimeSettings(mode, batchSize, batchDelay, node);
    }
}
