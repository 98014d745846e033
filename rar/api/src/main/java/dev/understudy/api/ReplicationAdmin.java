package dev.understudy.api;

import java.util.List;
import java.util.Optional;

/**
 * What an operator sees and changes on this node while it runs, without a restart: the settings in force, a
 * {@link NodeStatus} snapshot (membership, sessions, lag, counters, readiness), why a session has its secondary,
 * and four changes — mode, batching, admin pairing, log level. Reached through
 * {@link ReplicationConnectionFactory#admin()}; the resource adapter also offers the same over JMX, as the MXBean
 * {@code dev.understudy:type=ResourceAdapter,node=<id>}.
 *
 * <p><b>Changes</b> take effect for the next request: once a setter returns, every change committed afterwards
 * on this node, from any thread, follows the new setting. Each is logged ({@code US-C050}) with the old and new
 * value. A wrong value is refused with an {@link IllegalArgumentException} whose message names the setting, the
 * allowed values and the value that stays; nothing changes then (logged {@code US-C051}, counted as
 * {@code admin_changes_refused}). Changes last until the adapter stops: a restart applies the configured
 * properties again (change those too, to keep a change).
 *
 * <p>Reads and changes throw {@link ReplicationException} while the adapter is stopped, except {@link #status()},
 * which then reports a node that is not ready. Thread-safe.
 */
public interface ReplicationAdmin {
    /** Largest {@code batchSize}. */
    int MAX_BATCH_SIZE = 100_000;
    /** Largest {@code batchDelayMillis}. */
    long MAX_BATCH_DELAY_MILLIS = 60_000;
    /** The log levels {@link #setLogLevel} accepts, from quietest to most verbose. */
    List<String> LOG_LEVELS = List.of("OFF", "SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST",
            "ALL");

    /** The settings in force now. */
    ReplicationSettings settings();

    /** This node's state now: membership, sessions, lag, counters and readiness. */
    NodeStatus status();

    /**
     * Changes when changes travel; whatever BATCH held leaves at once.
     *
     * @return the settings in force after the change
     * @throws IllegalArgumentException {@code mode} is null
     */
    ReplicationSettings setMode(ReplicationMode mode);

    /**
     * Changes the BATCH bounds: a batch leaves when {@code size} updates are held or its oldest is
     * {@code delayMillis} old, whichever comes first. Whatever was held leaves at once.
     *
     * @return the settings in force after the change
     * @throws IllegalArgumentException {@code size} is not in [1, {@value #MAX_BATCH_SIZE}] or {@code delayMillis}
     *                                  not in [1, {@value #MAX_BATCH_DELAY_MILLIS}]
     */
    ReplicationSettings setBatching(int size, long delayMillis);

    /**
     * Pairs this node with a secondary: new sessions (and sessions that need a new secondary) choose
     * {@code nodeId} while it is alive; existing sessions keep theirs. {@code null} or blank clears the pairing
     * (the automatic choice: least-loaded node in another zone, rack, machine).
     *
     * @return the settings in force after the change
     * @throws IllegalArgumentException {@code nodeId} is not a node id, is this node, or is not a live member
     */
    ReplicationSettings setPreferredSecondary(String nodeId);

    /**
     * Sets the {@code java.util.logging} level of the {@code dev.understudy} loggers (the adapter, the engine, the
     * transport, the web filter, the interceptors), e.g. {@code FINE} to see every secondary choice. Handlers
     * may filter further (a console handler at INFO prints no FINE line).
     *
     * @param level one of {@link #LOG_LEVELS}, in any case
     * @return the settings in force after the change
     * @throws IllegalArgumentException {@code level} is not one of {@link #LOG_LEVELS}
     */
    ReplicationSettings setLogLevel(String level);

    /**
     * Why the session has its secondary ("b: other zone, least loaded; candidates …"); empty if this node does
     * not serve it.
     *
     * @throws IllegalArgumentException the key is not a valid session key
     */
    Optional<String> explain(SessionKey key);
}
