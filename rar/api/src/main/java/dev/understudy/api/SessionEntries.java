package dev.understudy.api;

import java.util.Map;
import java.util.Optional;

/**
 * The replicated HTTP session of the request this thread serves, as other components of the application (the
 * bean interceptors) keep state in it: named byte entries that live, travel, move, change id, expire and die
 * with the session, and that the application never sees among its {@code HttpSession} attributes.
 *
 * <p>Entries are written at once into the request's session and replicated at its next commit point, with
 * the session's other changes; an entry whose bytes equal the stored ones does not travel. Obtained from
 * {@link CurrentSession}; valid only on the thread and during the request that obtained it.
 */
public interface SessionEntries {

    /** The session's id now (it changes with {@code changeSessionId}). */
    String sessionId();

    /** When the session was created (stays across id changes and failovers), in epoch milliseconds. */
    long creationTime();

    /** Whether the session is still valid: after its invalidation every other method is a no-op or empty. */
    boolean isValid();

    /** The class-name patterns a deserializer must accept ({@link ReplicationConnection#deserializationFilter}). */
    String deserializationFilter();

    /** The entry's bytes as stored, empty if absent. */
    Optional<byte[]> get(String name);

    /** Every entry whose name starts with {@code prefix}, by name. */
    Map<String, byte[]> getAll(String prefix);

    /**
     * Stores an entry, replacing a previous one.
     *
     * @throws IllegalArgumentException the bytes break the attribute or session size limit; nothing changed
     */
    void put(String name, byte[] bytes);

    /** Removes an entry; absent is fine. */
    void remove(String name);
}
