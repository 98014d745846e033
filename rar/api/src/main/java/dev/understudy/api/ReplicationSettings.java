package dev.understudy.api;

import java.util.Objects;

/**
 * The settings of a node that an operator may change while it runs ({@link ReplicationAdmin}), as they are in
 * force.
 *
 * @param mode               when changes travel to the secondary
 * @param batchSize          {@link ReplicationMode#BATCH}: a batch leaves when this many updates are held
 * @param batchDelayMillis   {@link ReplicationMode#BATCH}: a batch leaves when its oldest update is this old (ms)
 * @param preferredSecondary the admin pairing (the secondary chosen for new sessions while it is alive);
 *                           {@code null} for the automatic choice
 * @param logLevel           the {@code java.util.logging} level of the {@code dev.understudy} loggers, e.g.
 *                           {@code INFO}
 */
public record ReplicationSettings(ReplicationMode mode, int batchSize, long batchDelayMillis,
        String preferredSecondary, String logLevel) {

    public ReplicationSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(logLevel, "logLevel");
    }
}
