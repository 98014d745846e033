package dev.understudy.core.engine;

import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;

/**
 * What the engine tells its host about sessions it did not get a call for: the web filter turns these into
 * {@code HttpSessionListener} events. Called on the engine thread: return quickly, never block.
 */
public interface SessionEvents {
    SessionEvents NONE = new SessionEvents() {
    };

    /** {@code key} expired on this node, its primary; {@code lastData} is what it held. */
    default void expired(SessionKey key, SessionData lastData) {
    }

    /** This node became the primary of {@code key} without a request (its primary died or left). */
    default void promoted(SessionKey key) {
    }

    /** This node lost {@code key} to another node (taken over or fenced). */
    default void lost(SessionKey key) {
    }
}
