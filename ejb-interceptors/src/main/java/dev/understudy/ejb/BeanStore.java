package dev.understudy.ejb;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/** Where a bean instance's replicated state lives: its HTTP session, or a bean session of its own. */
interface BeanStore extends Serializable {

    /** How the log names the store ({@code "in the HTTP session"}, {@code "in bean session <id>"}). */
    String describe();

    /**
     * The entries stored now, by entry name; empty when there is no state (or no place for it) yet. Only for
     * stores whose state can change elsewhere while this instance lives ({@link #followsSession()}).
     */
    Map<String, byte[]> stored();

    /**
     * What this instance's replica holds as far as this instance knows (its last successful write, or what it was
     * restored from); {@code null} before either. What {@link OnRollback#RESTORE} goes back to.
     */
    Map<String, byte[]> lastKnown();

    /** True when the stored state can be changed by another node while this instance lives (session-scoped). */
    boolean followsSession();

    /**
     * Stores {@code captured}; only entries whose bytes changed travel, entries no longer captured are removed.
     *
     * @return the number of entries that changed, or empty when there is no place to store (reported)
     * @throws IllegalArgumentException the state breaks a size limit; the replica is unchanged
     */
    Optional<Integer> write(Map<String, byte[]> captured);

    /** Removes the replica ({@code @Remove}). */
    void remove();

    /** The class-name allow-list values are read through. */
    String allowList();
}
